using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>
/// Moves proposals between stages and records contract facts, each change timestamped, kept in the history and audited.
/// </summary>
public sealed class ProposalStages(AppDbContext db, AuditLog audit, TimeProvider clock, ITeamEvents events)
{
    /// <summary>The forward path; Lost and Withdrawn end a proposal from any stage.</summary>
    public static readonly IReadOnlyList<ProposalStage> Forward =
    [
        ProposalStage.Sent,
        ProposalStage.Viewed,
        ProposalStage.Replied,
        ProposalStage.Interview,
        ProposalStage.Shortlisted,
        ProposalStage.Hired,
    ];

    public static bool IsClosed(ProposalStage stage) =>
        stage is ProposalStage.Hired or ProposalStage.Lost or ProposalStage.Withdrawn;

    public async Task ChangeStageAsync(
        Proposal proposal,
        ProposalStage to,
        string? note,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var now = clock.GetUtcNow();
        var from = proposal.Stage;
        var change = new ProposalStageChange
        {
            ProposalId = proposal.Id,
            From = from,
            To = to,
            At = now,
            ById = ProposalAccess.UserId(user),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        };
        db.ProposalStageChanges.Add(change);
        var progress = await db.ProposalProgress.FindAsync([proposal.Id], ct);
        if (progress is null)
        {
            progress = new ProposalProgress { ProposalId = proposal.Id };
            db.ProposalProgress.Add(progress);
        }
        Reach(progress, to, now);
        proposal.Stage = to;
        // a person's word outranks the sync's until the marketplace reports something new
        proposal.StageFromSync = false;
        proposal.UpdatedAt = await StampAsync(now, ct);
        audit.Add(
            AuditActions.ProposalStageChanged,
            "Proposal",
            proposal.Id.ToString(CultureInfo.InvariantCulture),
            $"{from} → {to}" + (string.IsNullOrWhiteSpace(note) ? "" : $": {note.Trim()}"),
            user
        );
        await events.RaiseAsync(ProposalEvents.StageChanged(proposal, change), ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task UpdateContractAsync(
        Proposal proposal,
        PostingType? type,
        decimal? value,
        decimal? revenue,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var before = Describe(proposal.ContractType, proposal.ContractValue, proposal.RevenueEarned);
        proposal.ContractType = type;
        proposal.ContractValue = value;
        proposal.RevenueEarned = revenue;
        proposal.UpdatedAt = await StampAsync(clock.GetUtcNow(), ct);
        audit.Add(
            AuditActions.ProposalContractUpdated,
            "Proposal",
            proposal.Id.ToString(CultureInfo.InvariantCulture),
            $"{before} → {Describe(type, value, revenue)}",
            user
        );
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A proposal's new <c>UpdatedAt</c>: now, or just past the store's latest when that is later. It
    /// then only grows across instances whose clocks disagree, which the analytics snapshot's
    /// incremental read relies on (Analytics/FactsSnapshot.cs, docs/adr/0007).
    /// </summary>
    private async Task<DateTimeOffset> StampAsync(DateTimeOffset now, CancellationToken ct)
    {
        var latest = await db.Proposals.MaxAsync(p => (DateTimeOffset?)p.UpdatedAt, ct);
        return latest is { } l && l >= now ? l.AddTicks(1) : now;
    }

    /// <summary>
    /// Reaching a forward stage reaches every earlier milestone (a hire implies a reply) and, being
    /// a correction, clears the later ones; Lost and Withdrawn keep what was reached.
    /// </summary>
    public static void Reach(ProposalProgress progress, ProposalStage to, DateTimeOffset at)
    {
        if (to is ProposalStage.Lost or ProposalStage.Withdrawn)
        {
            return;
        }
        var rank = Rank(to);
        progress.ViewedAt = rank >= Rank(ProposalStage.Viewed) ? progress.ViewedAt ?? at : null;
        progress.RepliedAt = rank >= Rank(ProposalStage.Replied) ? progress.RepliedAt ?? at : null;
        progress.InterviewAt = rank >= Rank(ProposalStage.Interview) ? progress.InterviewAt ?? at : null;
        progress.HiredAt = rank >= Rank(ProposalStage.Hired) ? progress.HiredAt ?? at : null;
    }

    private static int Rank(ProposalStage stage) => Forward.ToList().IndexOf(stage);

    private static string Describe(PostingType? type, decimal? value, decimal? revenue) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"type {type?.ToString() ?? "-"}, value {value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-"}, "
                + $"revenue {revenue?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-"}"
        );
}
