using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// Drives polls: one every `Upwork:PollInterval`, measured from the start of the previous poll on
/// the injected clock (so to the second, unlike minute-grained cron), and one on each "Poll now".
/// With `Upwork:AutoPoll` off only "Poll now" polls.
/// </summary>
public sealed class FeedLoop(IServiceScopeFactory scopes, FeedMonitor monitor, RateGovernor governor,
    IOptionsMonitor<UpworkOptions> options, TimeProvider clock, ILogger<FeedLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await SeedGovernorAsync(stoppingToken);
        var next = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var o = options.CurrentValue;
            string trigger;
            if (o.AutoPoll)
            {
                monitor.NextPollAt = next;
                trigger = await WaitAsync(next - clock.GetUtcNow(), stoppingToken);
            }
            else
            {
                monitor.NextPollAt = null;
                trigger = await monitor.NextPollRequestAsync(stoppingToken);
            }
            var started = clock.GetUtcNow();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<FeedPoller>().PollAsync(trigger, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A poll failed unexpectedly");
            }
            next = started + options.CurrentValue.PollInterval;
        }
    }

    private async Task<string> WaitAsync(TimeSpan wait, CancellationToken ct)
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

    // Requests made before a restart still count against today's cap.
    private async Task SeedGovernorAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var since = clock.GetUtcNow() - TimeSpan.FromDays(1);
            var runs = await db.PollRuns.AsNoTracking().Where(r => r.StartedAt > since && r.Requests > 0)
                .Select(r => new { r.StartedAt, r.Requests }).ToListAsync(ct);
            governor.Seed(runs.SelectMany(r => Enumerable.Repeat(r.StartedAt, r.Requests)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read today's request count; the day cap starts from zero");
        }
    }
}
