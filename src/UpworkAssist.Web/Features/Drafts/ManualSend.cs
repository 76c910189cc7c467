using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>
/// The manual send: the person copies the approved text, opens the job on Upwork in their own
/// browser, sends it there, and then records it here. This class only records; it never sends.
/// </summary>
public sealed class ManualSend(AppDbContext db, PaceGuard pace, AuditLog audit, TimeProvider clock, ITeamEvents events)
{
    public async Task RecordCopiedAsync(Draft draft, ClaimsPrincipal user, string action, CancellationToken ct)
    {
        EnsureOwnerApproved(draft, user);
        await audit.RecordAsync(action, "draft", draft.Id.ToString(), ct: ct);
    }

    /// <summary>
    /// Records the Proposal with the posting's facts as they are now; blocked by the pace guard at the cap.
    /// </summary>
    public async Task<Proposal> RecordSentAsync(
        Draft draft,
        ClaimsPrincipal user,
        int? connectsSpent,
        CancellationToken ct
    )
    {
        EnsureOwnerApproved(draft, user);
        var status = await pace.StatusAsync(draft.FreelancerId, ct);
        if (!status.MaySend)
        {
            await audit.RecordAsync(
                AuditActions.PaceBlocked,
                "draft",
                draft.Id.ToString(),
                $"{status.SentToday} of {status.Cap} today",
                ct: ct
            );
            throw new DraftRuleException(
                $"You have recorded {status.SentToday} proposals today, the daily cap of {status.Cap}. An Admin or "
                    + $"Lead can lift the cap for today with a reason."
            );
        }
        var posting = await db.Postings.AsNoTracking().SingleOrDefaultAsync(p => p.Id == draft.PostingId, ct);
        var now = clock.GetUtcNow();
        var proposal = new Proposal
        {
            PostingId = draft.PostingId,
            PostingUrl = posting?.Url,
            DraftId = draft.Id,
            FreelancerId = draft.FreelancerId,
            LaneId = draft.LaneId,
            TemplateId = draft.TemplateId,
            PostingTitle = posting?.Title ?? "",
            PostingPublishedAt = posting?.PublishedAt,
            ApplicantsAtSend = posting?.TotalApplicants,
            BudgetAtSend = posting?.FixedBudget ?? posting?.HourlyMax,
            ContractType = posting?.Type,
            SentAt = now,
            Stage = ProposalStage.Sent,
            ConnectsSpent = connectsSpent,
            FinalText = draft.Text,
            EditDistance = draft.EditDistance,
            UpdatedAt = now,
            MarketplaceJobId = posting?.MarketplaceId,
        };
        db.Proposals.Add(proposal);
        draft.Status = DraftStatus.Sent;
        draft.SentAt = now;
        draft.UpdatedAt = now;
        draft.Version++;
        await db.SaveChangesAsync(ct);
        audit.Add(
            AuditActions.ProposalSent,
            "proposal",
            proposal.Id.ToString(),
            $"draft {draft.Id}, posting {draft.PostingId}, connects {connectsSpent?.ToString() ?? "not entered"}, "
                + $"{status.SentToday + 1} of {status.Cap} today"
        );
        await events.RaiseAsync(DraftEvents.Recorded(proposal), ct);
        await db.SaveChangesAsync(ct);
        return proposal;
    }

    private static void EnsureOwnerApproved(Draft draft, ClaimsPrincipal user)
    {
        if (draft.FreelancerId != DraftWorkflow.UserId(user))
        {
            throw new DraftRuleException("Only the draft's freelancer sends it.");
        }
        if (draft.Status != DraftStatus.Approved)
        {
            throw new DraftRuleException(
                draft.Status == DraftStatus.Sent
                    ? "This draft is already recorded as sent."
                    : "Approve the draft first."
            );
        }
    }
}
