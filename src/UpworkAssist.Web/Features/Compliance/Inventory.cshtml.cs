using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// The automation inventory: every tool with its tag, why, owner and decision. Admins and Leads edit.
/// </summary>
public sealed class InventoryModel(AppDbContext db, AuditLog audit) : PageModel
{
    public sealed record Row(AutomationTool Tool, ToolAssessment.Result Assessment);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool CanEdit => Policies.RolesFor[Policies.ComplianceEditors].Any(User.IsInRole);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var tools = await db
            .AutomationTools.AsNoTracking()
            .OrderByDescending(t => t.IsBuiltIn)
            .ThenBy(t => t.Name)
            .ToListAsync(ct);
        Rows = tools.Select(t => new Row(t, ToolAssessment.Assess(t))).ToList();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var tool = await db.AutomationTools.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (tool is null)
        {
            return NotFound();
        }
        if (tool.IsBuiltIn)
        {
            TempData["Error"] = "UpworkAssist lists itself; its row cannot be removed.";
            return RedirectToPage();
        }
        db.AutomationTools.Remove(tool);
        audit.Add(
            AuditActions.ToolDeleted,
            "tool",
            tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            tool.Name
        );
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Removed {tool.Name} from the inventory.";
        return RedirectToPage();
    }
}
