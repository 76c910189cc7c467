using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>What the proposal sync adds to the analytics, for the same proposals the page counts.</summary>
public sealed record SyncFigures(
    int Sent,
    int StageFromSync,
    int Outside,
    int Found,
    double? MedianHoursToView,
    double? MedianHoursToReply
)
{
    public double? StageFromSyncShare => Sent == 0 ? null : (double)StageFromSync / Sent;
}

/// <summary>
/// "Time to view" and "time to reply" measured from the marketplace's own creation time of each
/// proposal the sync found, to the milestone; and the share of proposals whose stage the sync set.
/// Read from the store (two statements over the period's proposals) and kept in the
/// <see cref="StoreCache"/> until the next store write, per reader scope, filter and day, as the
/// report itself is kept: without it every view of the page repeated both statements, which cost
/// more than the rest of a cached view (docs/performance.md, "Analytics page").
/// </summary>
public static class SyncMetrics
{
    public static Task<SyncFigures> CachedAsync(
        AppDbContext db,
        StoreCache cache,
        ProposalFilter filter,
        ClaimsPrincipal user,
        DateTimeOffset now,
        CancellationToken ct
    ) =>
        cache.GetAsync(
            $"analytics-sync|{AnalyticsReport.ScopeOf(user)}|{filter}|{DateOnly.FromDateTime(now.UtcDateTime)}",
            () => MeasureAsync(db, filter, user, now, ct)
        );

    public static async Task<SyncFigures> MeasureAsync(
        AppDbContext db,
        ProposalFilter filter,
        ClaimsPrincipal user,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var selected = filter.Apply(db.Proposals.AsNoTracking(), user, now);
        var counts = await selected
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Sent = g.Count(),
                FromSync = g.Count(p => p.StageFromSync),
                Outside = g.Count(p => p.Origin == ProposalOrigin.Outside),
            })
            .FirstOrDefaultAsync(ct);
        var found = await (
            from p in selected
            join m in db.MarketplaceProposals on p.Id equals m.ProposalId
            join g in db.ProposalProgress on p.Id equals g.ProposalId into progress
            from g in progress.DefaultIfEmpty()
            select new
            {
                Created = m.CreatedAt ?? p.SentAt,
                Viewed = g == null ? null : g.ViewedAt,
                Replied = g == null ? null : g.RepliedAt,
            }
        ).ToListAsync(ct);
        static double? Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count == 0 ? null
                : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
                : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
        static double Hours(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalHours);
        return new SyncFigures(
            counts?.Sent ?? 0,
            counts?.FromSync ?? 0,
            counts?.Outside ?? 0,
            found.Count,
            Median(found.Where(f => f.Viewed is not null).Select(f => Hours(f.Created, f.Viewed!.Value))),
            Median(found.Where(f => f.Replied is not null).Select(f => Hours(f.Created, f.Replied!.Value)))
        );
    }
}
