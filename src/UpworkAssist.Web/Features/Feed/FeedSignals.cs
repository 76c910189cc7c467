using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// What the poller shares through the store so that several instances agree (docs/adr/0007):
/// "Poll now" asked on any instance, the marketplace's Retry-After, and the request counts the
/// caps are kept over. On SQLite (one instance) "Poll now" stays the in-memory signal.
/// </summary>
public sealed class FeedSignals(
    IDbContextFactory<AppDbContext> dbs,
    StoreProvider store,
    FeedMonitor monitor,
    RateGovernor governor,
    TimeProvider clock
)
{
    public const string PollRequested = "feed.poll-requested";
    public const string RetryAfter = "feed.retry-after";

    /// <summary>Whether other instances may share the store, so the signals must go through it.</summary>
    public bool Shared => store.IsPostgres;

    /// <summary>Asks the lease holder, on whichever instance it runs, for a poll.</summary>
    public async Task RequestPollAsync(string trigger, CancellationToken ct)
    {
        if (!Shared)
        {
            monitor.RequestPoll(trigger);
            return;
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        await StoreSignals.RaiseAsync(db, PollRequested, clock.GetUtcNow(), trigger, ct);
    }

    /// <summary>The newest "Poll now" in the store: its version (0 when never asked) and its trigger.</summary>
    public async Task<(long Version, string Trigger)> PollRequestAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await StoreSignals.ReadAsync(db, PollRequested, ct);
        return (row?.Version ?? 0, row?.Note ?? "poll-now");
    }

    /// <summary>After a 429: no instance sends until the governor's back-off is over.</summary>
    public async Task SaveRetryAfterAsync(CancellationToken ct)
    {
        if (!Shared || governor.BlockedUntil is not { } until)
            return;
        await using var db = await dbs.CreateDbContextAsync(ct);
        await StoreSignals.RaiseAsync(db, RetryAfter, until, null, ct);
    }

    /// <summary>
    /// Sets the governor from the store: every request of the last day counts against the caps
    /// (whichever instance or run made it), and a Retry-After still running holds.
    /// </summary>
    public async Task SeedGovernorAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var since = now - TimeSpan.FromDays(1);
        var times = await db
            .MarketplaceRequests.AsNoTracking()
            .Where(r => r.At > since)
            .Select(r => r.At)
            .ToListAsync(ct);
        var retry = Shared ? await StoreSignals.ReadAsync(db, RetryAfter, ct) : null;
        governor.Reseed(times, retry?.At > now ? retry.At : null);
    }

    /// <summary>The caps' figures as every instance sees them: from the store when it is shared.</summary>
    public async Task<RateGovernor.Usage> UsageAsync(CancellationToken ct)
    {
        var local = governor.Current();
        if (!Shared)
            return local;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        DateTimeOffset day = now - TimeSpan.FromDays(1),
            minute = now - TimeSpan.FromMinutes(1);
        var today = await db.MarketplaceRequests.CountAsync(r => r.At > day, ct);
        var thisMinute = await db.MarketplaceRequests.CountAsync(r => r.At > minute, ct);
        var lastLimited = await db
            .MarketplaceRequests.Where(r => r.Outcome == RequestOutcome.RateLimited)
            .OrderByDescending(r => r.At)
            .Select(r => (DateTimeOffset?)r.At)
            .FirstOrDefaultAsync(ct);
        var retry = await StoreSignals.ReadAsync(db, RetryAfter, ct);
        return local with
        {
            ThisMinute = thisMinute,
            Today = today,
            BlockedUntil = retry?.At > now ? retry.At : null,
            Last429At = lastLimited ?? local.Last429At,
        };
    }
}
