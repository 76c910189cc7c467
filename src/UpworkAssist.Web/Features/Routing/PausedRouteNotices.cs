using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>Routes Slack or the mail server refused for good, flagged on the lanes page so owners fix them.</summary>
internal sealed class PausedRouteNotices(AppDbContext db) : ILaneNotices
{
    public async Task<IReadOnlyList<LaneNotice>> ReadAsync(CancellationToken ct)
    {
        var paused = await db
            .AlertRoutes.AsNoTracking()
            .Where(r => r.PausedAt != null)
            .GroupBy(r => r.LaneId)
            .Select(g => new { LaneId = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return
        [
            .. paused.Select(p => new LaneNotice(
                p.LaneId,
                p.Count == 1 ? "1 route paused" : $"{p.Count} routes paused",
                "/Routing/Routes?lane=" + Uri.EscapeDataString(p.LaneId)
            )),
        ];
    }
}
