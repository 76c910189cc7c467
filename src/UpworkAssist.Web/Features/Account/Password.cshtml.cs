using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Api;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Account;

public sealed class PasswordModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AccessTokens tokens,
    AuditLog audit,
    IValidator<PasswordModel.PasswordInput> validator
) : PageModel
{
    public sealed record PasswordInput
    {
        public string CurrentPassword { get; init; } = "";
        public string NewPassword { get; init; } = "";
        public string ConfirmPassword { get; init; } = "";
    }

    public sealed class PasswordInputValidator : AbstractValidator<PasswordInput>
    {
        public PasswordInputValidator()
        {
            RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
            RuleFor(x => x.NewPassword).AccountPassword();
            RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage("The two passwords differ.");
        }
    }

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            return Page();
        }
        // The new security stamp ends other sessions; tokens are sessions too, and may be what leaked.
        var revoked = await tokens.RevokeAllAsync(user.Id, ct);
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(
            AuditActions.PasswordChanged,
            "user",
            user.Id,
            revoked > 0 ? $"{revoked} access token(s) revoked" : null,
            ct: ct
        );
        TempData["Flash"] =
            revoked > 0
                ? $"Your password is changed, and your {revoked} access token(s) are revoked: create new ones."
                : "Your password is changed.";
        return RedirectToPage();
    }
}
