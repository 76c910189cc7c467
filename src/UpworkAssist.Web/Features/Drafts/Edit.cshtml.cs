using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>
/// The editor: text with live checks, phone preview, autosave and versions; then approve, copy, open the job and record
/// the send.
/// </summary>
public sealed class EditModel(
    AppDbContext db,
    DraftWorkflow workflow,
    ManualSend send,
    PaceGuard pace,
    IOptions<DraftingOptions> options
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>
    /// Line breaks as the browser's textarea counts them (a form posts CRLF), so the length shown
    /// after a post is the length the editor showed before it.
    /// </summary>
    [BindProperty]
    public string Text
    {
        get;
        set => field = DraftChecks.LineBreaks(value);
    } = "";

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public int? ConnectsSpent { get; set; }

    public Draft Draft { get; private set; } = null!;
    public Posting? Posting { get; private set; }
    public string? LaneName { get; private set; }
    public string Freelancer { get; private set; } = "";
    public IReadOnlyList<CheckItem> Checks { get; private set; } = [];
    public IReadOnlyList<DraftVersion> Versions { get; private set; } = [];
    public IReadOnlyList<ProofArtifact> Proofs { get; private set; } = [];
    public IReadOnlyList<(string Name, string Text)> Snippets { get; private set; } = [];
    public PaceStatus? Pace { get; private set; }
    public DraftingOptions Rules => options.Value;
    public bool IsOwner => Draft.FreelancerId == DraftWorkflow.UserId(User);
    public bool CanEdit => IsOwner && Draft.Status == DraftStatus.Editing;
    public bool CanLeadApprove =>
        Draft.RequiresLeadApproval
        && Draft.LeadApprovedAt is null
        && DraftWorkflow.IsLead(User)
        && Draft.Status == DraftStatus.Editing;

    [TempData]
    public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>The no-script path and the explicit Save button.</summary>
    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) =>
        StepAsync(
            async d =>
            {
                Message = await workflow.AutosaveAsync(d, User, Text, Version, ct) ? "Saved." : "No changes to save.";
            },
            ct
        );

    /// <summary>The editor's autosave: saves when changed and answers with the checklist and preview.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct)
    {
        var draft = await workflow.FindAsync(Id, User, ct);
        if (draft is null)
        {
            return NotFound();
        }
        try
        {
            var saved = await workflow.AutosaveAsync(draft, User, Text, Version, ct);
            var checks = await workflow.ChecklistAsync(draft, draft.Text, ct);
            return new JsonResult(
                new
                {
                    saved,
                    version = draft.Version,
                    editDistance = draft.EditDistance,
                    length = draft.Text.Trim().Length,
                    preview = DraftChecks.Preview(draft.Text, Rules.OpeningMaxLength),
                    checks,
                }
            );
        }
        catch (DraftRuleException e)
        {
            return new JsonResult(new { error = e.Message }) { StatusCode = StatusCodes.Status409Conflict };
        }
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) =>
        StepAsync(
            async d =>
            {
                // Approve what is on screen: save pending edits first so the approval covers them.
                if (
                    d.FreelancerId == DraftWorkflow.UserId(User)
                    && d.Status == DraftStatus.Editing
                    && Version == d.Version
                )
                {
                    await workflow.AutosaveAsync(d, User, Text, Version, ct);
                }
                await workflow.ApproveAsync(d, User, ct);
                // Waiting for a lead, the page's own banner already says so: one message, not two.
                Message = d.Status == DraftStatus.Approved ? "Approved: copy the text and send it on Upwork." : null;
            },
            ct
        );

    public Task<IActionResult> OnPostReopenAsync(CancellationToken ct) =>
        StepAsync(d => workflow.ReopenAsync(d, User, ct), ct);

    public Task<IActionResult> OnPostCopiedAsync(CancellationToken ct) => RecordAsync(AuditActions.DraftCopied, ct);

    public Task<IActionResult> OnPostOpenedAsync(CancellationToken ct) => RecordAsync(AuditActions.DraftOpenedJob, ct);

    public Task<IActionResult> OnPostSentAsync(CancellationToken ct) =>
        StepAsync(
            async d =>
            {
                if (ConnectsSpent is < 0 or > 500)
                {
                    throw new DraftRuleException("Connects spent must be between 0 and 500, or left empty.");
                }
                await send.RecordSentAsync(d, User, ConnectsSpent, ct);
                Message = "Recorded as sent. It is now in the pipeline.";
            },
            ct
        );

    private async Task<IActionResult> RecordAsync(string action, CancellationToken ct)
    {
        var draft = await workflow.FindAsync(Id, User, ct);
        if (draft is null)
        {
            return NotFound();
        }
        try
        {
            await send.RecordCopiedAsync(draft, User, action, ct);
            return new JsonResult(new { recorded = true });
        }
        catch (DraftRuleException e)
        {
            return new JsonResult(new { error = e.Message }) { StatusCode = StatusCodes.Status409Conflict };
        }
    }

    private async Task<IActionResult> StepAsync(Func<Draft, Task> step, CancellationToken ct)
    {
        var draft = await workflow.FindAsync(Id, User, ct);
        if (draft is null)
        {
            return NotFound();
        }
        try
        {
            await step(draft);
            return RedirectToPage(new { id = Id });
        }
        catch (Exception e) when (e is DraftRuleException or DbUpdateConcurrencyException)
        {
            Error =
                e is DraftRuleException
                    ? e.Message
                    : "This draft changed in another tab; reload to see the newest text.";
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var draft = await workflow.FindAsync(Id, User, ct);
        if (draft is null)
        {
            return false;
        }
        Draft = draft;
        Posting = await db.Postings.AsNoTracking().SingleOrDefaultAsync(p => p.Id == draft.PostingId, ct);
        LaneName = draft.LaneId is null
            ? null
            : await db.Lanes.Where(l => l.Id == draft.LaneId).Select(l => l.Name).FirstOrDefaultAsync(ct);
        Freelancer = await db.Users.Where(u => u.Id == draft.FreelancerId).Select(u => u.DisplayName).SingleAsync(ct);
        // A failed post shows the text the person sent, not the stored one: nothing typed is lost.
        var text = Request.Method == "POST" && CanEdit ? Text : draft.Text;
        Text = text;
        // The form must carry the stored version, not the one posted: a refused Approve after an
        // autosave would otherwise send a stale version with every later save.
        Version = draft.Version;
        ModelState.Remove(nameof(Version));
        Checks = await workflow.ChecklistAsync(draft, text, ct);
        Versions = await db
            .DraftVersions.AsNoTracking()
            .Where(v => v.DraftId == draft.Id)
            .OrderByDescending(v => v.Number)
            .Take(20)
            .ToListAsync(ct);
        Proofs = await db
            .ProofArtifacts.AsNoTracking()
            .Where(p => p.UserId == draft.FreelancerId)
            .OrderBy(p => p.Label)
            .ToListAsync(ct);
        var snippets = await db
            .DraftTemplates.AsNoTracking()
            .Where(t =>
                !t.Archived
                && (t.Kind == TemplateKind.Snippet || t.Kind == TemplateKind.MicroMilestone)
                && (t.LaneId == null || t.LaneId == draft.LaneId)
            )
            .OrderBy(t => t.Name)
            .ToListAsync(ct);
        var profile =
            await db.FreelancerProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == draft.FreelancerId, ct)
            ?? new FreelancerProfile { UserId = draft.FreelancerId };
        Snippets = snippets
            .Select(t =>
                (
                    t.Name,
                    Posting is null
                        ? t.Body
                        : TemplateDrafter.Fill(
                            t.Body,
                            new DraftRequest(Posting, LaneName, Freelancer, profile, null, null, Rules)
                        )
                )
            )
            .ToList();
        Pace = IsOwner ? await pace.StatusAsync(draft.FreelancerId, ct) : null;
        return true;
    }
}
