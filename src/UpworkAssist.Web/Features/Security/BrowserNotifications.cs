using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Security;

/// <summary>
/// A person's choice of browser notifications, kept as an Identity user claim (no table of its
/// own) and carried in the sign-in cookie, so no page reads the store to know it. The browser's
/// own permission is asked separately, on a click.
/// </summary>
public static class BrowserNotifications
{
    public const string ClaimType = "ua:notifications";
    private const string On = "on";

    public static bool IsOn(ClaimsPrincipal user) => user.HasClaim(ClaimType, On);

    /// <summary>Turns the choice on or off and renews the cookie, so the next page already knows.</summary>
    public static async Task SetAsync(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppUser user, bool on)
    {
        var existing = (await users.GetClaimsAsync(user)).Where(c => c.Type == ClaimType).ToList();
        if (existing.Count > 0)
            await users.RemoveClaimsAsync(user, existing);
        if (on)
            await users.AddClaimAsync(user, new Claim(ClaimType, On));
        await signIn.RefreshSignInAsync(user);
    }
}
