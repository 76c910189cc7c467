using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>Names "draft" subjects in the audit log.</summary>
internal sealed class DraftAuditNames(AppDbContext db) : IAuditSubjectNamer
{
    public async Task NameAsync(
        ILookup<string, string> idsByType,
        IDictionary<(string Type, string Id), AuditName> names,
        CancellationToken ct
    )
    {
        var draftIds = AuditIds.Numbers(idsByType["draft"]);
        if (draftIds.Count == 0)
            return;
        var drafts = await db
            .Drafts.AsNoTracking()
            .Where(d => draftIds.Contains(d.Id))
            .Select(d => new { d.Id, d.PostingId })
            .ToListAsync(ct);
        var title = await PostingTitles.ReadAsync(db, drafts.Select(d => d.PostingId), ct);
        foreach (var d in drafts)
            names[("draft", AuditIds.Text(d.Id))] = new(
                "draft for “" + title(d.PostingId) + "”",
                "/Drafts/Edit?id=" + AuditIds.Text(d.Id)
            );
    }
}
