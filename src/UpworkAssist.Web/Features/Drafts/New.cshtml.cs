using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Queue;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>Starts a draft for one posting: choose a template, a proof and a drafter.</summary>
public sealed class NewModel(AppDbContext db, DraftWorkflow workflow, IOptions<AiOptions> ai) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string PostingId { get; set; } = "";

    [BindProperty]
    public long? TemplateId { get; set; }

    [BindProperty]
    public long? ProofId { get; set; }

    [BindProperty]
    public bool UseAi { get; set; }

    public Posting? Posting { get; private set; }
    public string? LaneId { get; private set; }
    public IReadOnlyList<DraftTemplate> Templates { get; private set; } = [];
    public IReadOnlyList<ProofArtifact> Proofs { get; private set; } = [];
    public IReadOnlyList<Draft> Existing { get; private set; } = [];
    public bool HasProfile { get; private set; }
    public AiProvider Provider => ai.Value.Provider;
    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        UseAi = ai.Value.UsesAi;
        TemplateId =
            Templates.FirstOrDefault(t => t.LaneId == LaneId && t.Kind == TemplateKind.Proposal)?.Id
            ?? Templates.FirstOrDefault(t => t.Kind == TemplateKind.Proposal)?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        try
        {
            var draft = await workflow.StartAsync(PostingId, User, TemplateId, ProofId, UseAi, ct);
            return RedirectToPage("Edit", new { id = draft.Id });
        }
        catch (DraftFailedException e)
        {
            // The choices stay as they were; one click drafts from the same template instead.
            Failure = e.Message;
            return Page();
        }
        catch (DraftRuleException e)
        {
            Failure = e.Message;
            return Page();
        }
    }

    /// <summary>
    /// Loads the page, or says why not: no such posting (404), or a job not assigned to this freelancer (403).
    /// </summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        Posting = await db.Postings.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PostingId, ct);
        if (Posting is null)
        {
            return NotFound();
        }
        if (!await JobAccess.CanReadAsync(db, PostingId, User, ct))
        {
            return Forbid();
        }
        var userId = DraftWorkflow.UserId(User);
        LaneId = await workflow.LaneForAsync(PostingId, ct);
        Templates = await db
            .DraftTemplates.AsNoTracking()
            .Where(t =>
                !t.Archived
                && (t.Kind == TemplateKind.Proposal || t.Kind == TemplateKind.Example)
                && (t.LaneId == null || t.LaneId == LaneId)
            )
            .OrderBy(t => t.Kind)
            .ThenByDescending(t => t.LaneId)
            .ThenBy(t => t.Name)
            .ToListAsync(ct);
        Proofs = await db
            .ProofArtifacts.AsNoTracking()
            .Where(p => p.UserId == userId)
            .OrderBy(p => p.Label)
            .ToListAsync(ct);
        Existing = await db
            .Drafts.AsNoTracking()
            .Where(d => d.PostingId == PostingId && d.FreelancerId == userId)
            .OrderByDescending(d => d.Id)
            .ToListAsync(ct);
        HasProfile = await db.FreelancerProfiles.AnyAsync(p => p.UserId == userId, ct);
        return null;
    }
}
