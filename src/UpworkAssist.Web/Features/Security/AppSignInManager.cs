using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Security;

/// <summary>
/// Identity's sign-in manager that also refuses disabled accounts, at login and on cookie
/// revalidation, and that does the same work for every sign-in: an unknown or disabled account's
/// password is verified against a dummy hash, so the answer takes as long as for a real account
/// and its timing reveals nothing about which accounts exist.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation
) : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? _dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(
        string userName,
        string password,
        bool isPersistent,
        bool lockoutOnFailure
    )
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null || !await CanSignInAsync(user))
        {
            // Same hasher, same settings, same cost as a real check; the result is thrown away.
            var dummy = new AppUser();
            _dummyHash ??= UserManager.PasswordHasher.HashPassword(dummy, Guid.NewGuid().ToString("n"));
            UserManager.PasswordHasher.VerifyHashedPassword(dummy, _dummyHash, password);
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<bool> CanSignInAsync(AppUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<AppUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }
}
