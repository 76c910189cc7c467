using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Knowledge;

/// <summary>The knowledge base's pages, by title.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<KnowledgePage> Pages { get; private set; } = [];
    public bool CanEdit => Policies.RolesFor[Policies.KnowledgeEditors].Any(User.IsInRole);

    public async Task OnGetAsync(CancellationToken ct) =>
        Pages = await db.KnowledgePages.AsNoTracking().OrderBy(p => p.Title).ToListAsync(ct);
}
