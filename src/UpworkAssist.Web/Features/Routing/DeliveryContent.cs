using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// What a message shows: each posting once, with every lane that matched it and why, from the claimed rows as read.
/// </summary>
public static class DeliveryContent
{
    /// <param name="alerts">Claimed rows with their match, its posting and its lane loaded.</param>
    public static IReadOnlyList<DeliveryItem> Items(IEnumerable<Alert> alerts) =>
        alerts
            .Select(a => a.Match!)
            .DistinctBy(m => m.Id)
            .GroupBy(m => m.PostingId, StringComparer.Ordinal)
            .Select(g => new DeliveryItem(
                g.First().Posting!,
                g.OrderBy(m => m.LaneId, StringComparer.Ordinal)
                    .Select(m => new LaneHit(m.LaneId, m.Lane?.Name ?? m.LaneId, m.MatchedKeywords))
                    .ToList()
            ))
            .OrderBy(i => i.Posting.PublishedAt)
            .ToList();
}
