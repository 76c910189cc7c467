using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>Names "lane" and "match" subjects in the audit log.</summary>
internal sealed class LaneAuditNames(AppDbContext db) : IAuditSubjectNamer
{
    public async Task NameAsync(
        ILookup<string, string> idsByType,
        IDictionary<(string Type, string Id), AuditName> names,
        CancellationToken ct
    )
    {
        var laneIds = idsByType["lane"].ToList();
        foreach (
            var lane in await db
                .Lanes.AsNoTracking()
                .Where(l => laneIds.Contains(l.Id))
                .Select(l => new { l.Id, l.Name })
                .ToListAsync(ct)
        )
            names[("lane", lane.Id)] = new(lane.Name, "/Lanes/Edit?id=" + Uri.EscapeDataString(lane.Id));

        var matchIds = AuditIds.Numbers(idsByType["match"]);
        if (matchIds.Count == 0)
            return;
        var matches = await db
            .Matches.AsNoTracking()
            .Where(m => matchIds.Contains(m.Id))
            .Select(m => new { m.Id, m.PostingId })
            .ToListAsync(ct);
        var title = await PostingTitles.ReadAsync(db, matches.Select(m => m.PostingId), ct);
        foreach (var m in matches)
            names[("match", AuditIds.Text(m.Id))] = new(
                "match of “" + title(m.PostingId) + "”",
                PostingTitles.JobHref(m.PostingId)
            );
    }
}
