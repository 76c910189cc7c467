using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// One proposal a person sent, and whether it went out exactly as it was generated; Outside means
/// the marketplace reported it and nobody recorded it here, so there was no draft to edit.
/// </summary>
public sealed record SentProposal(DateTimeOffset SentAt, string FreelancerId, bool Unedited, bool Outside = false);

public static class SentProposals
{
    /// <summary>
    /// Proposals sent in (from, to]. Unedited means an edit distance of 0, or, when no distance was
    /// recorded, a draft whose text is still exactly the generated text.
    /// </summary>
    public static async Task<List<SentProposal>> LoadAsync(
        AppDbContext db,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken ct
    )
    {
        var rows = await db
            .Proposals.AsNoTracking()
            .Where(p => p.SentAt > from && p.SentAt <= to)
            .Select(p => new
            {
                p.SentAt,
                p.FreelancerId,
                p.EditDistance,
                p.DraftId,
                p.Origin,
            })
            .ToListAsync(ct);
        var draftIds = rows.Where(p => p.EditDistance is null && p.DraftId is not null)
            .Select(p => p.DraftId!.Value)
            .Distinct()
            .ToList();
        var drafts = await db
            .Drafts.AsNoTracking()
            .Where(d => draftIds.Contains(d.Id))
            .Select(d => new
            {
                d.Id,
                d.GeneratedText,
                d.Text,
            })
            .ToListAsync(ct);
        var asGenerated = drafts
            .Where(d => d.GeneratedText.Length > 0 && string.Equals(d.GeneratedText, d.Text, StringComparison.Ordinal))
            .Select(d => d.Id)
            .ToHashSet();
        return rows.Select(p => new SentProposal(
                p.SentAt,
                p.FreelancerId,
                p.EditDistance == 0 || (p.EditDistance is null && p.DraftId is { } id && asGenerated.Contains(id)),
                p.Origin == ProposalOrigin.Outside
            ))
            .ToList();
    }
}
