using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Account;

/// <summary>
/// The reader's time zone for every date and time: the browser's by default, or one chosen here and kept in their
/// profile.
/// </summary>
public sealed class TimeZoneModel(
    UserTime time,
    TimeProvider clock,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AuditLog audit
) : PageModel
{
    /// <summary>An IANA zone id, or empty to follow the browser.</summary>
    [BindProperty]
    public string? Zone { get; set; }

    public IReadOnlyList<TimeZoneInfo> Zones { get; } =
        TimeZoneInfo
            .GetSystemTimeZones()
            .OrderBy(z => z.BaseUtcOffset)
            .ThenBy(z => z.Id, StringComparer.Ordinal)
            .ToList();
    public UserTime Time => time;
    public DateTimeOffset Now => clock.GetUtcNow();

    public void OnGet() => Zone = time.FollowsBrowser ? "" : time.Zone.Id;

    public async Task<IActionResult> OnPostAsync()
    {
        var zone = string.IsNullOrEmpty(Zone) ? null : UserTime.Find(Zone);
        if (!string.IsNullOrEmpty(Zone) && zone is null)
        {
            ModelState.AddModelError(nameof(Zone), "Choose a time zone from the list.");
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        user.TimeZone = zone?.Id;
        // Added before the update: the user manager's save writes the audit row with it.
        audit.Add(AuditActions.TimeZoneChanged, "user", user.Id, zone?.Id ?? "browser");
        await users.UpdateAsync(user);
        // The zone travels as a claim in the sign-in cookie: renew it so the next page uses it.
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = zone is null
            ? "Times now follow your browser's time zone."
            : $"Times are now shown in {zone.Id}.";
        return RedirectToPage();
    }
}
