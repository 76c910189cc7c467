using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Knowledge;

/// <summary>One knowledge page, rendered from Markdown and sanitized.</summary>
public sealed class ReadModel(AppDbContext db, MarkdownRenderer renderer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Slug { get; set; } = "";
    public KnowledgePage Row { get; private set; } = null!;
    public string SafeHtml { get; private set; } = "";
    public bool Unrenderable { get; private set; }
    public bool CanEdit => Policies.RolesFor[Policies.KnowledgeEditors].Any(User.IsInRole);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var row = await db.KnowledgePages.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == Slug, ct);
        if (row is null)
        {
            return NotFound();
        }
        Row = row;
        // Pages are rendered on save, so this fails only for one stored before that check: say so, never 500.
        Unrenderable = !renderer.TryToSafeHtml(row.Markdown, out var html);
        SafeHtml = html;
        return Page();
    }
}
