using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// Sends what the outbox holds. Per run it takes the due rows in order, and for each target
/// whose throttle allows it, claims the oldest row (a conditional UPDATE: only one dispatcher
/// can win it), gathers the rows that go out in the same message (other lanes of the same
/// posting, or the whole digest), sends once, and records the outcome for all of them.
///
/// Crash windows (docs/routing.md): dying after the claim and before the send leaves the row
/// claimed; once the lease runs out it is claimed and sent again, so nothing is lost and nothing
/// repeats. Dying after the send and before the record means the message went out but the row
/// still says Pending: after the lease it is sent once more. That is the one possible repeat.
/// </summary>
public sealed class AlertDispatcher(
    AppDbContext db,
    IEnumerable<IAlertSender> senders,
    ChannelLimiter limiter,
    TimeProvider clock,
    IOptions<RoutingOptions> options,
    ILogger<AlertDispatcher> logger
)
{
    private const int MaxErrorLength = 8000;
    private readonly Dictionary<AlertChannel, IAlertSender> _senders = senders.ToDictionary(s => s.Channel);

    /// <summary>One pass over the due rows; returns how many rows were delivered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var leaseCutoff = now - options.Value.ClaimLease;
        var freshSince = FreshSince(now);
        // Fresh alerts first: a target's head is its oldest fresh row while it has one.
        var due = await Due(now, leaseCutoff)
            .OrderBy(a => !a.IsDigest && a.PublishedAt < freshSince ? 1 : 0)
            .ThenBy(a => a.DueAt)
            .ThenBy(a => a.Id)
            .Take(options.Value.BatchSize)
            .Select(a => new
            {
                a.Id,
                a.Target,
                a.Channel,
            })
            .ToListAsync(ct);
        var heads = due.DistinctBy(a => a.Target).ToList();
        var targets = heads.Select(h => h.Target).ToList();
        var throttles = await db
            .ChannelThrottles.AsNoTracking()
            .Where(t => targets.Contains(t.Target))
            .ToDictionaryAsync(t => t.Target, ct);
        var delivered = 0;
        foreach (var head in heads)
        {
            if (throttles.TryGetValue(head.Target, out var throttle) && throttle.NextAllowedAt > now)
            {
                continue;
            }
            delivered += await DeliverAsync(head.Id, head.Target, head.Channel, now, leaseCutoff, ct);
            db.ChangeTracker.Clear();
        }
        return delivered;
    }

    /// <summary>
    /// Alerts for postings published before this are catch-up alerts (docs/routing.md "Fresh first").
    /// </summary>
    private DateTimeOffset FreshSince(DateTimeOffset now) => now - options.Value.FreshAlertAge;

    private static System.Linq.Expressions.Expression<Func<Alert, bool>> CatchUp(DateTimeOffset freshSince) =>
        a => !a.IsDigest && a.PublishedAt < freshSince;

    private IQueryable<Alert> Due(DateTimeOffset now, DateTimeOffset leaseCutoff) =>
        db.Alerts.Where(a =>
            (a.Status == AlertStatus.Pending || a.Status == AlertStatus.Held)
            && a.Channel != AlertChannel.InApp
            && a.DueAt <= now
            && (a.ClaimedAt == null || a.ClaimedAt < leaseCutoff)
        );

    /// <summary>
    /// Claims one due row for this dispatcher. SQLite has one writer at a time, so a conditional
    /// UPDATE decides. On PostgreSQL every instance dispatches: the row is locked with SKIP LOCKED,
    /// so a row another instance is claiming this instant is passed over instead of waited for, and
    /// the same conditions are checked again on the locked row.
    /// </summary>
    private async Task<bool> ClaimAsync(long id, DateTimeOffset now, DateTimeOffset leaseCutoff, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return await Due(now, leaseCutoff)
                    .Where(a => a.Id == id)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(a => a.ClaimedAt, now).SetProperty(a => a.Attempts, a => a.Attempts + 1),
                        ct
                    ) == 1;
        }
        long at = now.UtcTicks,
            cutoff = leaseCutoff.UtcTicks;
        return await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE "Alerts" SET "ClaimedAt" = {at}, "Attempts" = "Attempts" + 1
                WHERE "Id" = (SELECT "Id" FROM "Alerts"
                    WHERE "Id" = {id} AND "Status" IN ('Pending', 'Held') AND "Channel" <> 'InApp' AND "DueAt" <= {at}
                      AND ("ClaimedAt" IS NULL OR "ClaimedAt" < {cutoff})
                    FOR UPDATE SKIP LOCKED)
                """,
                ct
            ) == 1;
    }

    private async Task<int> DeliverAsync(
        long headId,
        string target,
        AlertChannel channel,
        DateTimeOffset now,
        DateTimeOffset leaseCutoff,
        CancellationToken ct
    )
    {
        if (
            !_senders.TryGetValue(channel, out var sender)
            || !await limiter.TryReserveAsync(target, sender.IntervalFor(target), now, ct)
            || !await ClaimAsync(headId, now, leaseCutoff, ct)
        )
        {
            return 0; // another dispatcher won the channel or the row
        }
        var head = await db.Alerts.AsNoTracking().Include(a => a.Match).SingleAsync(a => a.Id == headId, ct);
        var postingId = head.Match!.PostingId;
        var freshSince = FreshSince(now);
        var catchUp = !head.IsDigest && head.PublishedAt < freshSince;
        List<long> companions;
        int? catchUpTotal = null;
        if (catchUp)
        {
            // The newest waiting postings first, as many as one message lists; every lane's row of a posting goes with
            // it.
            var waiting = await Due(now, leaseCutoff)
                .Where(a => a.Target == head.Target)
                .Where(CatchUp(freshSince))
                .OrderByDescending(a => a.PublishedAt)
                .ThenBy(a => a.Id)
                .Select(a => new { a.Id, a.Match!.PostingId })
                .ToListAsync(ct);
            var postings = waiting.Select(w => w.PostingId).Distinct(StringComparer.Ordinal).ToList();
            catchUpTotal = postings.Count;
            var batch = postings
                .Where(p => p != postingId)
                .Take(options.Value.CatchUpBatchSize - 1)
                .Append(postingId)
                .ToHashSet(StringComparer.Ordinal);
            companions = waiting.Where(w => w.Id != headId && batch.Contains(w.PostingId)).Select(w => w.Id).ToList();
        }
        else
        {
            companions = await Due(now, leaseCutoff)
                .Where(a =>
                    a.Id != headId
                    && a.Target == head.Target
                    && a.IsDigest == head.IsDigest
                    && (head.IsDigest || a.Match!.PostingId == postingId)
                )
                .OrderBy(a => a.Id)
                .Select(a => a.Id)
                .ToListAsync(ct);
        }
        var ids = new List<long> { headId };
        foreach (var id in companions)
        {
            if (await ClaimAsync(id, now, leaseCutoff, ct))
            {
                ids.Add(id);
            }
        }
        // The claimed rows, read once with what the message shows.
        var alerts = await db
            .Alerts.Include(a => a.Match!)
                .ThenInclude(m => m.Posting)
            .Include(a => a.Match!)
                .ThenInclude(m => m.Lane)
            .Where(a => ids.Contains(a.Id))
            .OrderBy(a => a.Id)
            .ToListAsync(ct);
        var route = head.RouteId is { } routeId
            ? await db.AlertRoutes.AsNoTracking().SingleOrDefaultAsync(r => r.Id == routeId, ct)
            : null;

        SendOutcome outcome;
        if (route is null)
        {
            outcome = new SendOutcome(SendStatus.Defect, "The route was deleted before delivery.");
        }
        else if (!route.Enabled)
        {
            outcome = new SendOutcome(SendStatus.Defect, "The route was turned off before delivery.");
        }
        else if (route.PausedAt is not null)
        {
            outcome = new SendOutcome(SendStatus.Permanent, route.PausedReason ?? "Route paused.");
        }
        else if (!head.IsDigest && !catchUp && await AlreadyDeliveredAsync(head.Target, postingId, ct))
        {
            // A lane matched after the message went out: the target has seen this posting.
            outcome = SendOutcome.Ok;
        }
        else
        {
            var items = DeliveryContent.Items(alerts);
            var delivery = new Delivery(route, head.Target, items, head.IsDigest || catchUp, options.Value.PublicUrl)
            {
                CatchUpTotal = catchUp ? Math.Max(catchUpTotal ?? 0, items.Count) : null,
                QueueLink = catchUp
                    ? QueueLinks.ForMatches(options.Value.PublicUrl, alerts.Select(a => a.MatchId))
                    : null,
            };
            // Cancellation here is a crash between send and record: nothing below runs.
            outcome = await sender.SendAsync(delivery, ct);
        }
        await RecordAsync(alerts, route, head.Channel, outcome, ct);
        return outcome.Status == SendStatus.Delivered ? alerts.Count : 0;
    }

    private Task<bool> AlreadyDeliveredAsync(string target, string postingId, CancellationToken ct) =>
        db.Alerts.AnyAsync(
            a =>
                a.Target == target
                && a.Status == AlertStatus.Delivered
                && !a.IsDigest
                && a.Match!.PostingId == postingId,
            ct
        );

    private async Task RecordAsync(
        List<Alert> alerts,
        AlertRoute? route,
        AlertChannel channel,
        SendOutcome outcome,
        CancellationToken ct
    )
    {
        var now = clock.GetUtcNow();
        var target = alerts[0].Target;
        var throttle = await db.ChannelThrottles.SingleOrDefaultAsync(t => t.Target == target, ct);
        if (throttle is null)
        {
            throttle = new ChannelThrottle { Target = target };
            db.ChannelThrottles.Add(throttle);
        }
        var o = options.Value;
        var error = outcome.Error is { Length: > MaxErrorLength } e ? e[..MaxErrorLength] : outcome.Error;
        foreach (var alert in alerts)
        {
            alert.ClaimedAt = null;
            alert.LastError = error;
            alert.Status = outcome.Status switch
            {
                SendStatus.Delivered => AlertStatus.Delivered,
                SendStatus.Permanent => AlertStatus.Paused,
                SendStatus.Defect => AlertStatus.Failed,
                SendStatus.Transient when alert.Attempts >= o.MaxAttempts => AlertStatus.Failed,
                _ => AlertStatus.Pending,
            };
            alert.DeliveredAt = outcome.Status == SendStatus.Delivered ? now : null;
        }
        switch (outcome.Status)
        {
            case SendStatus.Delivered:
                throttle.Failures = 0;
                // A channel that says its bucket is empty (Discord) sets a later slot than the usual interval.
                var interval = _senders[channel].IntervalFor(target);
                throttle.NextAllowedAt = now + (outcome.RetryAfter > interval ? outcome.RetryAfter.Value : interval);
                break;
            case SendStatus.RateLimited:
                throttle.NextAllowedAt = now + (outcome.RetryAfter ?? ChannelLimiter.DefaultRetryAfter);
                break;
            case SendStatus.Transient:
                // Backoff is per target, not per row, so held rows keep their order behind the head.
                throttle.Failures++;
                var wait = o.BackoffBase * Math.Pow(2, Math.Min(throttle.Failures - 1, 20));
                throttle.NextAllowedAt = now + (wait < o.BackoffMax ? wait : o.BackoffMax);
                break;
            case SendStatus.Permanent when route is not null:
                await PauseAsync(route, target, error, now, ct);
                break;
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation(
            "Alert delivery to {Channel} for {Count} rows: {Outcome} {Error}",
            channel,
            alerts.Count,
            outcome.Status,
            error
        );
    }

    private async Task PauseAsync(
        AlertRoute route,
        string target,
        string? reason,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        // Every route that sends to this target is broken the same way.
        var routes = await db
            .AlertRoutes.Where(r => r.Id == route.Id || (r.SlackTarget != null && r.SlackTarget == target))
            .ToListAsync(ct);
        foreach (var r in routes.Where(r => r.PausedAt is null))
        {
            r.PausedAt = now;
            r.PausedReason = reason is { Length: > 500 } ? reason[..500] : reason;
        }
        var routeIds = routes.Select(r => r.Id).ToList();
        await db
            .Alerts.Where(a =>
                a.RouteId != null
                && routeIds.Contains(a.RouteId.Value)
                && (a.Status == AlertStatus.Pending || a.Status == AlertStatus.Held)
                && a.ClaimedAt == null
            )
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AlertStatus.Paused), ct);
    }
}
