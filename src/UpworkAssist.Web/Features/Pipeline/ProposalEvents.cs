using System.Globalization;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>`proposal.stage_changed` v1: the move and its note, both the team's own words.</summary>
public sealed record ProposalStageChangedData(
    long ProposalId,
    string JobId,
    string? LaneId,
    string FreelancerId,
    string From,
    string To,
    string? Note,
    string? ById,
    DateTimeOffset At
);

public static class ProposalEvents
{
    public static TeamEvent StageChanged(Proposal p, ProposalStageChange change) =>
        new(
            "proposal.stage_changed",
            new ProposalStageChangedData(
                p.Id,
                p.PostingId,
                p.LaneId,
                p.FreelancerId,
                Name(change.From),
                Name(change.To),
                change.Note,
                change.ById,
                change.At
            ),
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["proposal"] = $"/Pipeline/Edit?id={p.Id.ToString(CultureInfo.InvariantCulture)}",
            }
        );

    private static string Name(ProposalStage s) => s.ToString().ToLowerInvariant();
}
