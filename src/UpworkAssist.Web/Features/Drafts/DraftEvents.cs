using System.Globalization;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>
/// `draft.approved` v1: a draft ready to send by hand; no draft text, which is the freelancer's to share.
/// </summary>
public sealed record DraftApprovedData(
    long DraftId,
    string JobId,
    string? LaneId,
    string FreelancerId,
    DateTimeOffset ApprovedAt,
    bool LeadApproved,
    int EditDistance
);

/// <summary>`proposal.recorded` v1: the freelancer recorded that they sent it on Upwork.</summary>
public sealed record ProposalRecordedData(
    long ProposalId,
    long? DraftId,
    string JobId,
    string? LaneId,
    string FreelancerId,
    DateTimeOffset SentAt,
    int? ConnectsSpent
);

public static class DraftEvents
{
    public static TeamEvent Approved(Draft d) =>
        new(
            "draft.approved",
            new DraftApprovedData(
                d.Id,
                d.PostingId,
                d.LaneId,
                d.FreelancerId,
                d.LeadApprovedAt ?? d.ApprovedAt ?? d.UpdatedAt,
                d.LeadApprovedAt is not null,
                d.EditDistance
            ),
            Links(d.PostingId, null, ("draft", $"/Drafts/Edit?id={d.Id.ToString(CultureInfo.InvariantCulture)}"))
        );

    public static TeamEvent Recorded(Proposal p) =>
        new(
            "proposal.recorded",
            new ProposalRecordedData(p.Id, p.DraftId, p.PostingId, p.LaneId, p.FreelancerId, p.SentAt, p.ConnectsSpent),
            Links(
                p.PostingId,
                p.PostingUrl,
                ("proposal", $"/Pipeline/Edit?id={p.Id.ToString(CultureInfo.InvariantCulture)}")
            )
        );

    private static Dictionary<string, string> Links(string jobId, string? upworkUrl, (string Name, string Path) own)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app"] = $"/Queue/Job/{Uri.EscapeDataString(jobId)}",
            [own.Name] = own.Path,
        };
        if (upworkUrl is not null)
            links["job"] = upworkUrl;
        return links;
    }
}
