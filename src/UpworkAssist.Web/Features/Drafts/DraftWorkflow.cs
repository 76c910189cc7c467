using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Queue;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>What happened when someone asked for a step the rules do not allow now.</summary>
public sealed class DraftRuleException(string message) : Exception(message);

/// <summary>
/// A draft's life: generated, autosaved with versions, approved (and lead-approved where the lane
/// asks), copied, and recorded as a Proposal once the person says they sent it on Upwork. Nothing
/// here talks to the marketplace.
/// </summary>
public sealed class DraftWorkflow(
    AppDbContext db,
    TemplateDrafter templates,
    AiDrafter ai,
    IOptions<AiOptions> aiOptions,
    IOptions<DraftingOptions> options,
    DraftChecks checks,
    AuditLog audit,
    TimeProvider clock,
    ITeamEvents events
)
{
    public static bool IsLead(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Lead);

    public static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No user id.");

    /// <summary>A draft the user may see: their own, or any for an Admin or Lead.</summary>
    public async Task<Draft?> FindAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        var draft = await db.Drafts.SingleOrDefaultAsync(d => d.Id == id, ct);
        return draft is not null && (draft.FreelancerId == UserId(user) || IsLead(user)) ? draft : null;
    }

    /// <summary>The lane a draft for this posting belongs to: the one that matched it best.</summary>
    public Task<string?> LaneForAsync(string postingId, CancellationToken ct) =>
        db
            .Matches.Where(m => m.PostingId == postingId)
            .OrderByDescending(m => m.Score)
            .Select(m => m.LaneId)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Generates and stores a new draft; throws <see cref="DraftFailedException"/> when the AI drafter fails.
    /// </summary>
    public async Task<Draft> StartAsync(
        string postingId,
        ClaimsPrincipal user,
        long? templateId,
        long? proofId,
        bool useAi,
        CancellationToken ct
    )
    {
        var userId = UserId(user);
        var posting =
            await db.Postings.SingleOrDefaultAsync(p => p.Id == postingId, ct)
            ?? throw new DraftRuleException("That posting is no longer stored.");
        if (!await JobAccess.CanReadAsync(db, postingId, user, ct))
        {
            throw new DraftRuleException("This job is not assigned to you; ask a lead to assign it.");
        }
        var laneId = await LaneForAsync(postingId, ct);
        var laneName = laneId is null
            ? null
            : await db.Lanes.Where(l => l.Id == laneId).Select(l => l.Name).FirstOrDefaultAsync(ct);
        var template = templateId is null
            ? null
            : await db.DraftTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == templateId, ct);
        var profile =
            await db.FreelancerProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, ct)
            ?? new FreelancerProfile { UserId = userId };
        var proof = proofId is null
            ? null
            : await db
                .ProofArtifacts.AsNoTracking()
                .SingleOrDefaultAsync(p => p.Id == proofId && p.UserId == userId, ct);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(ct);
        var request = new DraftRequest(posting, laneName, name, profile, proof, template, options.Value);

        IDrafter drafter = useAi && aiOptions.Value.UsesAi ? ai : templates;
        DraftResult result;
        try
        {
            result = await drafter.DraftAsync(request, ct);
        }
        catch (DraftFailedException e)
        {
            await audit.RecordAsync(
                AuditActions.DraftDrafterFailed,
                "posting",
                postingId,
                $"{drafter.Name}: {e.Kind}",
                ct: ct
            );
            throw;
        }

        var now = clock.GetUtcNow();
        var draft = new Draft
        {
            PostingId = postingId,
            LaneId = laneId,
            FreelancerId = userId,
            Drafter = drafter.Name,
            GeneratedText = result.Text,
            Text = result.Text,
            TemplateId = template?.Id,
            InputTokens = result.InputTokens,
            OutputTokens = result.OutputTokens,
            LatencyMs = (long)result.Latency.TotalMilliseconds,
            RequiresLeadApproval =
                laneId is not null
                && await db.LaneDraftPolicies.AnyAsync(p => p.LaneId == laneId && p.RequiresLeadApproval, ct),
            CreatedAt = now,
            UpdatedAt = now,
        };
        // Acting on a posting keeps its id and link past content retention (the proposal needs them).
        posting.ActedOnAt ??= now;
        db.Drafts.Add(draft);
        await db.SaveChangesAsync(ct);
        db.DraftVersions.Add(
            new DraftVersion
            {
                DraftId = draft.Id,
                Number = 1,
                Text = draft.Text,
                SavedAt = now,
            }
        );
        audit.Add(
            AuditActions.DraftGenerated,
            "draft",
            draft.Id.ToString(),
            $"{drafter.Name} for posting {postingId}"
                + (
                    result.InputTokens is null
                        ? ""
                        : $", {result.InputTokens}+{result.OutputTokens} tokens, {draft.LatencyMs} ms"
                )
        );
        await db.SaveChangesAsync(ct);
        return draft;
    }

    public Task<IReadOnlyList<CheckItem>> ChecklistAsync(Draft draft, string text, CancellationToken ct) =>
        ChecklistAsync(draft.PostingId, text, ct);

    public async Task<IReadOnlyList<CheckItem>> ChecklistAsync(string postingId, string text, CancellationToken ct)
    {
        var job = await db
            .Postings.AsNoTracking()
            .Where(p => p.Id == postingId)
            .Select(p => new { p.Title, p.Skills })
            .SingleOrDefaultAsync(ct);
        return await checks.ChecklistAsync(new DraftCheckInput(text, job?.Title ?? "", job?.Skills ?? []), ct);
    }

    /// <summary>
    /// Saves the text as a new version when it changed; the caller's version guards against a stale tab overwriting
    /// newer text.
    /// </summary>
    public async Task<bool> AutosaveAsync(
        Draft draft,
        ClaimsPrincipal user,
        string text,
        int expectedVersion,
        CancellationToken ct
    )
    {
        EnsureOwnerEditing(draft, user);
        if (draft.Version != expectedVersion)
        {
            throw new DraftRuleException("This draft changed in another tab; reload to see the newest text.");
        }
        text = DraftChecks.LineBreaks(text);
        if (text == draft.Text)
        {
            return false;
        }
        draft.Text = text;
        // An approval waiting for the lead's was given to the old text; changed text needs it again.
        draft.ApprovedAt = draft.LeadApprovedAt = null;
        draft.ApprovedById = draft.LeadApprovedById = null;
        draft.EditDistance = EditDistance.Between(draft.GeneratedText, text);
        draft.UpdatedAt = clock.GetUtcNow();
        draft.Version++;
        var number = await db.DraftVersions.Where(v => v.DraftId == draft.Id).MaxAsync(v => (int?)v.Number, ct) ?? 0;
        db.DraftVersions.Add(
            new DraftVersion
            {
                DraftId = draft.Id,
                Number = number + 1,
                Text = text,
                EditDistance = draft.EditDistance,
                SavedAt = draft.UpdatedAt,
            }
        );
        audit.Add(
            AuditActions.DraftEdited,
            "draft",
            draft.Id.ToString(),
            $"version {number + 1}, {text.Length} characters, edit distance {draft.EditDistance}"
        );
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// The freelancer approves their own draft; a lead adds their approval where the lane asks for it.
    /// </summary>
    public async Task ApproveAsync(Draft draft, ClaimsPrincipal user, CancellationToken ct)
    {
        if (draft.Status != DraftStatus.Editing)
        {
            throw new DraftRuleException("This draft is not being edited.");
        }
        var failed = (await ChecklistAsync(draft, draft.Text, ct)).Where(c => !c.Passed).ToList();
        if (failed.Count > 0)
        {
            throw new DraftRuleException(
                "Fix the checks first: " + string.Join("; ", failed.Select(f => f.Label)) + "."
            );
        }
        var userId = UserId(user);
        var now = clock.GetUtcNow();
        var owner = draft.FreelancerId == userId;
        if (owner)
        {
            draft.ApprovedAt = now;
            draft.ApprovedById = userId;
            audit.Add(AuditActions.DraftApproved, "draft", draft.Id.ToString(), $"edit distance {draft.EditDistance}");
        }
        // A lead's approval counts once the lane asks for it; a lead approving their own draft gives both.
        if (draft.RequiresLeadApproval && IsLead(user))
        {
            draft.LeadApprovedAt = now;
            draft.LeadApprovedById = userId;
            audit.Add(AuditActions.DraftLeadApproved, "draft", draft.Id.ToString());
        }
        else if (!owner)
        {
            throw new DraftRuleException(
                draft.RequiresLeadApproval
                    ? "Only a Lead or Admin can add the lead approval."
                    : "Only the draft's freelancer approves it; this lane needs no lead approval."
            );
        }
        var approved =
            draft.ApprovedAt is not null && (!draft.RequiresLeadApproval || draft.LeadApprovedAt is not null);
        if (approved)
        {
            draft.Status = DraftStatus.Approved;
        }
        draft.UpdatedAt = now;
        draft.Version++;
        if (approved)
        {
            await events.RaiseAsync(DraftEvents.Approved(draft), ct);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Back to editing: approvals are dropped because they were given to the old text.</summary>
    public async Task ReopenAsync(Draft draft, ClaimsPrincipal user, CancellationToken ct)
    {
        if (draft.FreelancerId != UserId(user) || draft.Status == DraftStatus.Sent)
        {
            throw new DraftRuleException("Only the freelancer can reopen a draft that is not sent.");
        }
        draft.Status = DraftStatus.Editing;
        draft.ApprovedAt = draft.LeadApprovedAt = null;
        draft.ApprovedById = draft.LeadApprovedById = null;
        draft.Version++;
        audit.Add(AuditActions.DraftReopened, "draft", draft.Id.ToString());
        await db.SaveChangesAsync(ct);
    }

    private static void EnsureOwnerEditing(Draft draft, ClaimsPrincipal user)
    {
        if (draft.FreelancerId != UserId(user))
        {
            throw new DraftRuleException("Only the draft's freelancer edits it.");
        }
        if (draft.Status != DraftStatus.Editing)
        {
            throw new DraftRuleException("Approved text is locked; reopen the draft to edit it.");
        }
    }
}
