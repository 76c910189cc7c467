using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Account;

/// <summary>
/// The reader's time zone for every date and time: the browser's by default, or one chosen here.
/// The choice is kept in a cookie of this browser (no schema change; see docs/accounts.md).
/// </summary>
public sealed class TimeZoneModel(UserTime time, TimeProvider clock) : PageModel
{
    /// <summary>An IANA zone id, or empty to follow the browser.</summary>
    [BindProperty] public string? Zone { get; set; }

    public IReadOnlyList<TimeZoneInfo> Zones { get; } = TimeZoneInfo.GetSystemTimeZones().OrderBy(z => z.BaseUtcOffset).ThenBy(z => z.Id, StringComparer.Ordinal).ToList();
    public UserTime Time => time;
    public DateTimeOffset Now => clock.GetUtcNow();

    public void OnGet() => Zone = time.FollowsBrowser ? "" : time.Zone.Id;

    public IActionResult OnPost()
    {
        if (string.IsNullOrEmpty(Zone))
        {
            Response.Cookies.Delete(UserTime.ChoiceCookie);
            TempData["Flash"] = "Times now follow your browser's time zone.";
        }
        else if (UserTime.Find(Zone) is { } zone)
        {
            Response.Cookies.Append(UserTime.ChoiceCookie, zone.Id, new CookieOptions
            {
                HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, MaxAge = TimeSpan.FromDays(365),
            });
            TempData["Flash"] = $"Times are now shown in {zone.Id}.";
        }
        else
        {
            ModelState.AddModelError(nameof(Zone), "Choose a time zone from the list.");
            return Page();
        }
        return RedirectToPage();
    }
}
