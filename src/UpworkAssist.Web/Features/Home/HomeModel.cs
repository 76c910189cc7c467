using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Home;

/// <summary>
/// The home page (Features/Index.cshtml, at /): a section per role the reader holds, each line a
/// link to the filtered page where it is acted on, and an Admin's first-hour checklist. The live
/// script re-reads this page after any change and swaps the sections in (X-Live: a refresh, not a visit).
/// </summary>
public sealed class HomeModel(
    UserManager<AppUser> users,
    HomeVisits visits,
    LeadHome lead,
    FreelancerHome freelancer,
    ManagerHome manager,
    AdminHome admin,
    FirstHourChecklist checklist,
    AuditLog audit
) : PageModel
{
    public IReadOnlyList<HomeSection> Sections { get; private set; } = [];
    public IReadOnlyList<ChecklistStep> Checklist { get; private set; } = [];
    public DateTimeOffset? Since { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await users.GetUserAsync(User);
        if (me is null)
            return Challenge();
        var sections = new List<HomeSection>();
        if (User.IsInRole(Roles.Admin))
        {
            Checklist = await checklist.StepsAsync(me, ct);
            sections.Add(await admin.BuildAsync(ct));
        }
        if (User.IsInRole(Roles.Lead))
        {
            Since = await visits.SinceAsync(me, record: !Request.Headers.ContainsKey("X-Live"));
            sections.Add(await lead.BuildAsync(Since.Value, ct));
        }
        if (User.IsInRole(Roles.Freelancer))
            sections.Add(await freelancer.BuildAsync(me.Id, ct));
        if (User.IsInRole(Roles.Manager))
            sections.Add(await manager.BuildAsync(User, ct));
        Sections = sections;
        return Page();
    }

    public async Task<IActionResult> OnPostDismissChecklistAsync(CancellationToken ct)
    {
        var me = await users.GetUserAsync(User);
        if (me is null || !User.IsInRole(Roles.Admin))
            return Forbid();
        await checklist.DismissAsync(me);
        await audit.RecordAsync("home.checklist_dismissed", "user", me.Id, ct: ct);
        TempData["Flash"] = "The first-hour checklist is dismissed. Every step stays in the help pages.";
        return RedirectToPage("/Index");
    }
}
