using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>The templates and snippets library, filtered by lane and kind.</summary>
public sealed class TemplatesModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<DraftTemplate> Templates { get; private set; } = [];
    public IReadOnlyList<Lane> Lanes { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Lane { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public TemplateKind? Kind { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Lanes = await db.Lanes.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        var q = db.DraftTemplates.AsNoTracking().Where(t => !t.Archived);
        if (!string.IsNullOrEmpty(Lane))
        {
            q = q.Where(t => t.LaneId == Lane || t.LaneId == null);
        }
        if (Kind is { } k)
        {
            q = q.Where(t => t.Kind == k);
        }
        Templates = await q.OrderBy(t => t.Kind).ThenBy(t => t.Name).ToListAsync(ct);
    }
}
