using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// Drives polls: one every `Upwork:PollInterval`, measured from the start of the previous poll on
/// the injected clock (so to the second, unlike minute-grained cron), and one on each "Poll now".
/// With `Upwork:AutoPoll` off only "Poll now" polls.
///
/// Every instance runs this loop, but only the holder of the <see cref="IPollLease"/> polls; the
/// others try for it every <see cref="LeaseRetry"/>, so one takes over within a minute of the
/// holder dying. On taking it the governor is set from the store's request log. On a shared store
/// "Poll now" is a store signal the holder looks for each <see cref="SignalCheck"/>.
/// </summary>
public sealed class FeedLoop(
    IServiceScopeFactory scopes,
    FeedMonitor monitor,
    FeedSignals signals,
    IPollLease lease,
    IOptionsMonitor<UpworkOptions> options,
    TimeProvider clock,
    ILogger<FeedLoop> logger
) : BackgroundService
{
    /// <summary>
    /// How often an instance without the lease tries for it (a quarter of the one-minute takeover promise).
    /// </summary>
    public static readonly TimeSpan LeaseRetry = TimeSpan.FromSeconds(15);

    /// <summary>How often the holder looks for a "Poll now" asked on another instance.</summary>
    public static readonly TimeSpan SignalCheck = TimeSpan.FromSeconds(1);

    private long _pollRequests;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        DateTimeOffset? next = null;
        if (signals.Shared)
        {
            (_pollRequests, _) = await signals.PollRequestAsync(stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (signals.Shared && !options.CurrentValue.AutoPoll)
                {
                    await PollOnRequestAsync(stoppingToken);
                    continue;
                }
                if (next is null || !lease.Held)
                {
                    next = await TakeLeaseAsync(stoppingToken);
                    if (next is null)
                    {
                        await Task.Delay(Shorter(LeaseRetry, options.CurrentValue.PollInterval), clock, stoppingToken);
                        continue;
                    }
                }
                var trigger = await WaitAsync(next.Value, stoppingToken);
                // Also when nothing is due, so a holder whose session died learns it and tries again.
                var held = await lease.StillHeldAsync(stoppingToken);
                if (trigger is null || !held)
                {
                    continue;
                }
                var started = clock.GetUtcNow();
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<FeedPoller>().PollAsync(trigger, stoppingToken);
                }
                next = started + options.CurrentValue.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A poll failed unexpectedly");
                if (next is null)
                {
                    // The lease or the store could not be read: try again later rather than at once.
                    await Task.Delay(LeaseRetry, clock, stoppingToken);
                }
                else
                {
                    next = clock.GetUtcNow() + options.CurrentValue.PollInterval;
                }
            }
        }
    }

    /// <summary>
    /// With `Upwork:AutoPoll` off on a shared store (a web-only instance, say) the lease is taken
    /// only to answer a "Poll now", and let go after it, so that such an instance never keeps the
    /// instances that poll on schedule from polling. When several see the request, one wins the lease.
    /// </summary>
    private async Task PollOnRequestAsync(CancellationToken ct)
    {
        monitor.NextPollAt = null;
        var trigger = await WaitAsync(DateTimeOffset.MaxValue, ct);
        if (trigger is null || !await lease.TryTakeAsync(ct))
        {
            return;
        }
        try
        {
            await signals.SeedGovernorAsync(ct);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FeedPoller>().PollAsync(trigger, ct);
        }
        finally
        {
            await lease.ReleaseAsync();
        }
    }

    /// <summary>
    /// Takes the lease and returns when the next scheduled poll is due (the last poll's start plus
    /// the interval, whoever made it), or null while another instance holds it.
    /// </summary>
    private async Task<DateTimeOffset?> TakeLeaseAsync(CancellationToken ct)
    {
        monitor.NextPollAt = null;
        if (!await lease.TryTakeAsync(ct))
        {
            return null;
        }
        try
        {
            await signals.SeedGovernorAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read today's request count; the day cap starts from zero");
        }
        if (!signals.Shared)
        {
            return clock.GetUtcNow();
        }
        await using var scope = scopes.CreateAsyncScope();
        var last = await scope
            .ServiceProvider.GetRequiredService<AppDbContext>()
            .PollRuns.AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Select(r => (DateTimeOffset?)r.StartedAt)
            .FirstOrDefaultAsync(ct);
        return last + options.CurrentValue.PollInterval ?? clock.GetUtcNow();
    }

    /// <summary>
    /// Waits for the schedule or a "Poll now" and names the trigger; null when the lease must be looked at again.
    /// </summary>
    private async Task<string?> WaitAsync(DateTimeOffset next, CancellationToken ct)
    {
        var autoPoll = options.CurrentValue.AutoPoll;
        monitor.NextPollAt = autoPoll ? next : null;
        if (!signals.Shared)
        {
            return autoPoll
                ? await WaitLocalAsync(next - clock.GetUtcNow(), ct)
                : await monitor.NextPollRequestAsync(ct);
        }
        var until = clock.GetUtcNow() + LeaseRetry;
        while (true)
        {
            var now = clock.GetUtcNow();
            if (autoPoll && now >= next)
            {
                return "schedule";
            }
            var (version, trigger) = await signals.PollRequestAsync(ct);
            if (version != _pollRequests)
            {
                _pollRequests = version;
                return trigger;
            }
            if (now >= until)
            {
                return null;
            }
            await Task.Delay(autoPoll ? Shorter(SignalCheck, next - now) : SignalCheck, clock, ct);
        }
    }

    private async Task<string> WaitLocalAsync(TimeSpan wait, CancellationToken ct)
    {
        if (wait <= TimeSpan.Zero)
        {
            return "schedule";
        }
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var timer = Task.Delay(wait, clock, either.Token);
        var request = monitor.NextPollRequestAsync(either.Token).AsTask();
        var first = await Task.WhenAny(timer, request);
        await either.CancelAsync();
        ct.ThrowIfCancellationRequested();
        return first == request && request.IsCompletedSuccessfully ? request.Result : "schedule";
    }

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
