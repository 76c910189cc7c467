namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>A recorded proposal the sync may link a marketplace proposal to.</summary>
public sealed record LinkCandidate(long ProposalId, string FreelancerId, DateTimeOffset SentAt);

/// <summary>
/// The sync's rules, free of the store so they are tested on their own: the stage the facts
/// imply, the forward-only move that a person's edit outranks, and which recorded proposal a
/// marketplace proposal is.
/// </summary>
public static class SyncRules
{
    /// <summary>
    /// The stage the marketplace's facts imply (docs/pipeline.md "Stages from the marketplace"). An
    /// offer (Offered, Accepted) is the last step before a funded contract: Shortlisted.
    /// </summary>
    public static ProposalStage StageOf(string status, bool viewed) =>
        status switch
        {
            "Activated" => ProposalStage.Replied,
            "Offered" or "Accepted" => ProposalStage.Shortlisted,
            "Hired" => ProposalStage.Hired,
            "Declined" or "Archived" => ProposalStage.Lost,
            "Withdrawn" => ProposalStage.Withdrawn,
            _ => viewed ? ProposalStage.Viewed : ProposalStage.Sent,
        };

    /// <summary>
    /// The moves the sync makes, in order. Only a new fact moves anything: when the facts imply
    /// the same stage as last time, whatever a person set since stands. A move goes forward
    /// along the path, or ends an open proposal (Lost, Withdrawn); a closed proposal is left to
    /// people. A viewed proposal that ends is marked Viewed first, so the view is counted.
    /// </summary>
    public static IReadOnlyList<ProposalStage> Moves(
        ProposalStage current,
        ProposalStage? lastSynced,
        ProposalStage implied,
        bool viewed
    )
    {
        if (implied == lastSynced || ProposalStages.IsClosed(current))
        {
            return [];
        }
        if (implied is ProposalStage.Lost or ProposalStage.Withdrawn)
        {
            return viewed && Rank(current) < Rank(ProposalStage.Viewed) ? [ProposalStage.Viewed, implied] : [implied];
        }
        return Rank(implied) > Rank(current) ? [implied] : [];
    }

    /// <summary>
    /// The recorded proposal for the same job: by its sender when the marketplace user is mapped
    /// to a member, otherwise only when exactly one is waiting; the nearest send time wins.
    /// </summary>
    public static long? Link(IReadOnlyList<LinkCandidate> sameJob, string? senderId, DateTimeOffset? createdAt)
    {
        var eligible = senderId is null
            ? (sameJob.Count == 1 ? sameJob : [])
            : sameJob.Where(c => c.FreelancerId == senderId).ToList();
        return eligible
            .OrderBy(c => createdAt is { } at ? (c.SentAt - at).Duration() : TimeSpan.Zero)
            .ThenBy(c => c.ProposalId)
            .Select(c => (long?)c.ProposalId)
            .FirstOrDefault();
    }

    /// <summary>
    /// When a synced fact happened: the marketplace's change time, never before the send nor after now.
    /// </summary>
    public static DateTimeOffset FactTime(DateTimeOffset? modifiedAt, DateTimeOffset sentAt, DateTimeOffset now)
    {
        var at = modifiedAt ?? now;
        return at < sentAt ? sentAt
            : at > now ? now
            : at;
    }

    private static int Rank(ProposalStage stage) => ProposalStages.Forward.ToList().IndexOf(stage);
}
