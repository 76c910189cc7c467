using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Account;

/// <summary>
/// Browser notifications, off until the reader turns them on here: a Lead hears of new matches, a
/// Freelancer of jobs assigned to them, while a page of the product is open. The browser's own
/// permission is asked only when the reader clicks for it, never on load.
/// </summary>
public sealed class NotificationsModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit)
    : PageModel
{
    [BindProperty]
    public bool On { get; set; }

    public bool IsOn => BrowserNotifications.IsOn(User);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        await BrowserNotifications.SetAsync(users, signIn, user, On);
        await audit.RecordAsync("user.notifications_changed", "user", user.Id, On ? "on" : "off", ct: ct);
        TempData["Flash"] = On
            ? "Browser notifications are on while a page of UpworkAssist is open."
            : "Browser notifications are off.";
        return RedirectToPage();
    }
}
