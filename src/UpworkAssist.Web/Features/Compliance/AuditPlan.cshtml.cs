using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// The one-week audit plan as a guided checklist; progress is the team's (one team per installation).
/// </summary>
public sealed class AuditPlanModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public IReadOnlyList<AuditPlan.Progress> Progress { get; private set; } = [];
    public int Done => Progress.Count(p => p.Done);
    public bool CanEdit => Policies.RolesFor[Policies.ComplianceEditors].Any(User.IsInRole);

    public async Task OnGetAsync(CancellationToken ct) => Progress = await AuditPlan.ProgressAsync(db, ct);

    public async Task<IActionResult> OnPostDoneAsync(string key, string? note, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var step = AuditPlan.Steps.SingleOrDefault(s => s.Key == key);
        if (step is null)
        {
            return NotFound();
        }
        if (!await db.AuditPlanSteps.AnyAsync(s => s.Key == key, ct))
        {
            db.AuditPlanSteps.Add(
                new AuditPlanStep
                {
                    Key = key,
                    CompletedAt = clock.GetUtcNow(),
                    CompletedById = User.FindFirstValue(ClaimTypes.NameIdentifier),
                    CompletedByName = User.Identity?.Name ?? "",
                    Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, 1000)],
                }
            );
            audit.Add(AuditActions.PlanStepDone, "audit-plan", key, step.Title);
            await db.SaveChangesAsync(ct);
        }
        return RedirectToPage(null, null, "step-" + key);
    }

    public async Task<IActionResult> OnPostUndoAsync(string key, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var row = await db.AuditPlanSteps.SingleOrDefaultAsync(s => s.Key == key, ct);
        if (row is not null)
        {
            db.AuditPlanSteps.Remove(row);
            audit.Add(AuditActions.PlanStepUndone, "audit-plan", key);
            await db.SaveChangesAsync(ct);
        }
        return RedirectToPage(null, null, "step-" + key);
    }
}
