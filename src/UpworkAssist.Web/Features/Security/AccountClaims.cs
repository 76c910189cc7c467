using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Security;

public static class AccountClaims
{
    public const string DisplayName = "ua:display_name";

    /// <summary>The person's chosen time zone (AppUser.TimeZone), absent when they follow the browser.</summary>
    public const string TimeZone = "ua:time_zone";
}

/// <summary>Adds the display name and time zone to the sign-in principal so pages need no query per request.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options
) : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AccountClaims.DisplayName, user.DisplayName));
        if (user.TimeZone is { Length: > 0 } zone)
        {
            identity.AddClaim(new Claim(AccountClaims.TimeZone, zone));
        }
        return identity;
    }
}
