using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>
/// Keeps the analytics reports people looked at recently built, in the background: soon after
/// the store is written (a stage change, a contract edit, a new proposal), and before a cached
/// report reaches its one-minute age limit. The next view of such a period then finds its report
/// built rather than paying the full read (docs/performance.md "Analytics page"). A view that
/// comes first builds the report itself, as before: no view is ever served a report older than
/// its own data-version check allows.
/// </summary>
public sealed class ReportPrebuild(
    IServiceScopeFactory scopes,
    StoreWrites writes,
    TimeProvider clock,
    IOptions<AnalyticsOptions> options,
    ILogger<ReportPrebuild> log
) : BackgroundService
{
    /// <summary>Writes come in bursts (a stage change is several statements): one rebuild after they settle.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Renewed this often without writes: three quarters of the report cache's time (45 s of the default minute).
    /// </summary>
    public TimeSpan Refresh => options.Value.ReportCache * 0.75;

    /// <summary>With the report cache off every view builds its report, so there is nothing to keep built.</summary>
    private bool Off => options.Value.ReportCacheSeconds == 0;

    /// <summary>Only reports viewed this recently are kept built.</summary>
    public static readonly TimeSpan ViewedWithin = TimeSpan.FromMinutes(30);

    /// <summary>At most this many reports are rebuilt after a write (the most recently viewed).</summary>
    public const int MaxReports = 20;

    private sealed record View(ClaimsPrincipal User, DateTimeOffset At);

    private readonly ConcurrentDictionary<(string Scope, ProposalFilter Filter), View> _viewed = new();
    private readonly SemaphoreSlim _written = new(0, 1);

    /// <summary>Notes that a person viewed a report, so it is kept built for them.</summary>
    public void Viewed(ProposalFilter filter, ClaimsPrincipal user)
    {
        if (Off)
            return;
        _viewed[(AnalyticsReport.ScopeOf(user), AnalyticsReport.WithDefaultPeriod(filter))] = new View(
            user,
            clock.GetUtcNow()
        );
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await LoadFactsAsync(stoppingToken);
        if (Off)
            return;
        writes.Written += OnWritten;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var written = await _written.WaitAsync(Refresh, stoppingToken);
                if (written)
                    await Task.Delay(Settle, clock, stoppingToken);
                try
                {
                    await RebuildAsync(stoppingToken, renew: !written);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed prebuild costs only speed: the next view builds the report itself.
                    log.LogWarning(e, "Rebuilding the viewed analytics reports failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            writes.Written -= OnWritten;
        }
    }

    /// <summary>
    /// Loads the facts snapshot once at start (about 2 s at 100,000 proposals), so the first person
    /// to open the page after a restart does not wait for it.
    /// </summary>
    private async Task LoadFactsAsync(CancellationToken ct)
    {
        try
        {
            await Task.Yield(); // start-up goes on meanwhile
            await using var scope = scopes.CreateAsyncScope();
            await scope
                .ServiceProvider.GetRequiredService<FactsSnapshot>()
                .GetAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Loading the analytics facts at start failed; the first report will load them");
        }
    }

    // Called on the writing thread: only signal (at most one pending signal).
    private void OnWritten()
    {
        if (_viewed.IsEmpty || _written.CurrentCount > 0)
            return;
        try
        {
            _written.Release();
        }
        catch (SemaphoreFullException) { }
    }

    /// <summary>
    /// Builds each recently viewed report whose data changed (or every one, to <paramref name="renew"/>
    /// them before they age out of the cache); returns how many were built.
    /// </summary>
    public async Task<int> RebuildAsync(CancellationToken ct, bool renew = false)
    {
        var now = clock.GetUtcNow();
        foreach (var old in _viewed.Where(v => now - v.Value.At > ViewedWithin).ToList())
            _viewed.TryRemove(old);
        var built = 0;
        foreach (var ((_, filter), view) in _viewed.OrderByDescending(v => v.Value.At).Take(MaxReports).ToList())
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var choices = await FilterChoices.LoadAsync(
                db,
                scope.ServiceProvider.GetRequiredService<ITemplateNames>(),
                view.User,
                ct
            );
            if (
                (
                    await scope
                        .ServiceProvider.GetRequiredService<AnalyticsReport>()
                        .GetOrBuildAsync(filter, view.User, choices, ReportDetail.Page, ct, renew)
                ).Built
            )
                built++;
        }
        return built;
    }
}
