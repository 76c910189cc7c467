using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace UpworkAssist.Web.Features.Help;

/// <summary>/Help lists the help pages; /Help/{name} shows one. An unknown name is a 404.</summary>
public sealed class IndexModel(HelpDocs docs) : PageModel
{
    public HelpDoc? Doc { get; private set; }
    public IReadOnlyList<HelpDoc> All => docs.All;

    public IActionResult OnGet(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return Page();
        Doc = docs.Find(name);
        return Doc is null ? NotFound() : Page();
    }
}
