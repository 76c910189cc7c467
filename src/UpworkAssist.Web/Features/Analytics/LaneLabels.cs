using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>
/// The triage labels of every lane's matches, counted per UTC day (one SQL <c>GROUP BY</c> over the
/// matches, kept in the <see cref="StoreCache"/> until the next store write) and held as running
/// totals, so the labels of any period are two binary searches per lane instead of a read of the
/// period's matches. Exact, because a report's period always starts and ends at UTC midnight
/// (<see cref="Pipeline.ProposalFilter.Range"/>).
/// </summary>
public sealed class LaneLabels
{
    public sealed record Counts(int Total, int Kept, int Dismissed);

    /// <summary>
    /// One lane: its days (day numbers since 0001-01-01, ascending) and the totals up to and including each.
    /// </summary>
    private sealed record Lane(long[] Days, int[] Total, int[] Kept, int[] Dismissed);

    private sealed record DayRow(string LaneId, long Day, int Total, int Kept, int Dismissed);

    private readonly Dictionary<string, Lane> _lanes;

    private LaneLabels(Dictionary<string, Lane> lanes) => _lanes = lanes;

    public const string CacheKey = "analytics:lane-labels";

    public static Task<LaneLabels> GetAsync(AppDbContext db, StoreCache cache, CancellationToken ct) =>
        cache.GetAsync(CacheKey, () => ReadAsync(db, ct));

    public static async Task<LaneLabels> ReadAsync(AppDbContext db, CancellationToken ct)
    {
        // MatchedAt is stored as UTC ticks (AppDbContext), so integer division gives the UTC day. One
        // text for both providers: quoted names (EF maps the columns by name), counts cast to the
        // int the record reads (PostgreSQL's COUNT is bigint), CASE rather than summing a boolean.
        var rows = await db
            .Database.SqlQuery<DayRow>(
                $"""
                SELECT "LaneId", "MatchedAt" / {TimeSpan.TicksPerDay} AS "Day", CAST(COUNT(*) AS INTEGER) AS "Total",
                       CAST(SUM(CASE WHEN "Status" IN ('Shortlisted', 'Assigned') THEN 1 ELSE 0 END) AS INTEGER)
                         AS "Kept",
                       CAST(SUM(CASE WHEN "Status" = 'Dismissed' THEN 1 ELSE 0 END) AS INTEGER) AS "Dismissed"
                FROM "Matches" GROUP BY "LaneId", "Day" ORDER BY "LaneId", "Day"
                """
            )
            .ToListAsync(ct);
        var lanes = new Dictionary<string, Lane>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.LaneId))
        {
            var days = group.ToArray();
            var lane = new Lane(
                new long[days.Length],
                new int[days.Length],
                new int[days.Length],
                new int[days.Length]
            );
            int total = 0,
                kept = 0,
                dismissed = 0;
            for (var i = 0; i < days.Length; i++)
            {
                lane.Days[i] = days[i].Day;
                lane.Total[i] = total += days[i].Total;
                lane.Kept[i] = kept += days[i].Kept;
                lane.Dismissed[i] = dismissed += days[i].Dismissed;
            }
            lanes[group.Key] = lane;
        }
        return new LaneLabels(lanes);
    }

    /// <summary>
    /// Each lane's labels for matches made in [start, end) (unbounded where null), lanes with no match left out.
    /// </summary>
    public Dictionary<string, Counts> For(string? onlyLane, DateTimeOffset? start, DateTimeOffset? end)
    {
        var (first, last) = (
            start is { } s ? s.UtcTicks / TimeSpan.TicksPerDay : long.MinValue,
            end is { } e ? e.UtcTicks / TimeSpan.TicksPerDay : long.MaxValue
        );
        var counts = new Dictionary<string, Counts>(StringComparer.Ordinal);
        foreach (var (id, lane) in _lanes)
        {
            if (onlyLane is not null && id != onlyLane)
                continue;
            // Totals before the first day and before the end day: their difference is the period.
            var (before, upTo) = (FirstDayAtOrAfter(lane.Days, first) - 1, FirstDayAtOrAfter(lane.Days, last) - 1);
            if (upTo == before)
                continue;
            static int At(int[] totals, int i) => i < 0 ? 0 : totals[i];
            counts[id] = new Counts(
                At(lane.Total, upTo) - At(lane.Total, before),
                At(lane.Kept, upTo) - At(lane.Kept, before),
                At(lane.Dismissed, upTo) - At(lane.Dismissed, before)
            );
        }
        return counts;
    }

    private static int FirstDayAtOrAfter(long[] days, long day)
    {
        var i = Array.BinarySearch(days, day);
        return i >= 0 ? i : ~i;
    }
}
