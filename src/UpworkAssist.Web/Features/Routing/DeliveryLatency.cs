using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>p50/p95 of published → fetched → matched → delivered per route target, over a window.</summary>
public sealed class DeliveryLatency(AppDbContext db, TimeProvider clock)
{
    public sealed record Row(
        string Route,
        int Deliveries,
        TimeSpan P50,
        TimeSpan P95,
        TimeSpan FetchP50,
        TimeSpan MatchP50,
        TimeSpan DeliverP50
    );

    public async Task<IReadOnlyList<Row>> ForLaneAsync(string laneId, TimeSpan window, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - window;
        var rows = await db
            .Alerts.AsNoTracking()
            .Where(a => a.Match!.LaneId == laneId && a.Status == AlertStatus.Delivered && a.DeliveredAt >= since)
            .Select(a => new
            {
                a.Channel,
                a.Target,
                a.PublishedAt,
                a.FetchedAt,
                a.MatchedAt,
                DeliveredAt = a.DeliveredAt!.Value,
            })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Channel == AlertChannel.InApp ? "in-app" : r.Target, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Row(
                g.Key,
                g.Count(),
                Percentile(g.Select(r => r.DeliveredAt - r.PublishedAt), 0.50),
                Percentile(g.Select(r => r.DeliveredAt - r.PublishedAt), 0.95),
                Percentile(g.Select(r => r.FetchedAt - r.PublishedAt), 0.50),
                Percentile(g.Select(r => r.MatchedAt - r.FetchedAt), 0.50),
                Percentile(g.Select(r => r.DeliveredAt - r.MatchedAt), 0.50)
            ))
            .ToList();
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static TimeSpan Percentile(IEnumerable<TimeSpan> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0
            ? TimeSpan.Zero
            : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
