using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>Names "proposal" subjects in the audit log, by the title copied when it was sent.</summary>
internal sealed class ProposalAuditNames(AppDbContext db) : IAuditSubjectNamer
{
    public async Task NameAsync(
        ILookup<string, string> idsByType,
        IDictionary<(string Type, string Id), AuditName> names,
        CancellationToken ct
    )
    {
        var proposalIds = AuditIds.Numbers(idsByType["proposal"]);
        if (proposalIds.Count == 0)
            return;
        var proposals = await db
            .Proposals.AsNoTracking()
            .Where(p => proposalIds.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                p.PostingTitle,
                p.PostingId,
            })
            .ToListAsync(ct);
        var title = await PostingTitles.ReadAsync(
            db,
            proposals.Where(p => p.PostingTitle.Length == 0).Select(p => p.PostingId),
            ct
        );
        foreach (var p in proposals)
        {
            var text = "proposal “" + (p.PostingTitle.Length > 0 ? p.PostingTitle : title(p.PostingId)) + "”";
            names[("proposal", AuditIds.Text(p.Id))] = new(text, "/Pipeline/Edit?id=" + AuditIds.Text(p.Id));
        }
    }
}
