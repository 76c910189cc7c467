using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Account;

[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<AppUser> signIn,
    LoginThrottle throttle,
    AuditLog audit,
    IValidator<LoginModel.LoginInput> validator
) : PageModel
{
    public sealed record LoginInput
    {
        public string Email { get; init; } = "";
        public string Password { get; init; } = "";
        public bool RememberMe { get; init; }
    }

    public sealed class LoginInputValidator : AbstractValidator<LoginInput>
    {
        public LoginInputValidator()
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(256);
            RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(128);
        }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            return Page();
        }
        var email = Input.Email.Trim();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // One message for unknown user, wrong password and disabled account, and one lockout for
        // all of them (by e-mail and address, LoginThrottle), so the form reveals nothing.
        const string Locked = "Too many failed attempts. Sign-in for this account from here is locked for 15 minutes.";
        if (throttle.IsLocked(email, address))
        {
            await audit.RecordAsync(AuditActions.LockedOut, "login", email, ct: ct);
            ModelState.AddModelError(string.Empty, Locked);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(email, Input.Password, Input.RememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.RecordSuccess(email, address);
            var user = await signIn.UserManager.FindByNameAsync(email);
            await audit.RecordAsync(
                AuditActions.LoginSucceeded,
                "user",
                user?.Id,
                actor: await signIn.CreateUserPrincipalAsync(user!),
                ct: ct
            );
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        var lockedNow = throttle.RecordFailure(email, address);
        var message = lockedNow ? Locked : "The e-mail or password is not right, or the account is disabled.";
        await audit.RecordAsync(lockedNow ? AuditActions.LockedOut : AuditActions.LoginFailed, "login", email, ct: ct);
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }
}
