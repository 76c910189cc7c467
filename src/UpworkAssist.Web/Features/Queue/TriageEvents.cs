using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>`match.triaged` v1 (docs/routing.md): the match's new state; the assignee by display name.</summary>
public sealed record MatchTriagedData(
    long MatchId,
    string JobId,
    string LaneId,
    string Status,
    string? Reason,
    DateTimeOffset? SnoozedUntil,
    string? AssigneeId,
    string? By,
    DateTimeOffset At
);

public static class TriageEvents
{
    public const string Type = "match.triaged";

    /// <summary>
    /// The state after the action: shortlisted, dismissed (with reason), snoozed (until), assigned or new.
    /// </summary>
    public static TeamEvent For(Match match, string? by, DateTimeOffset at) =>
        new(
            Type,
            new MatchTriagedData(
                match.Id,
                match.PostingId,
                match.LaneId,
                match.Status.ToString().ToLowerInvariant(),
                match.DismissReason,
                match.SnoozedUntil,
                match.AssigneeId,
                by,
                at
            ),
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["app"] = $"/Queue/Job/{Uri.EscapeDataString(match.PostingId)}",
            }
        );
}
