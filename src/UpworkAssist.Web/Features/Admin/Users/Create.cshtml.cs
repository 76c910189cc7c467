using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Admin.Users;

/// <summary>
/// Creates an account with an initial password the Admin hands over; the user changes it after signing in.
/// </summary>
public sealed class CreateModel(
    UserManager<AppUser> users,
    AuditLog audit,
    TimeProvider clock,
    IValidator<CreateModel.UserInput> validator
) : PageModel
{
    public sealed record UserInput
    {
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string InitialPassword { get; init; } = "";
        public List<string> Roles { get; init; } = [];
    }

    public sealed class UserInputValidator : AbstractValidator<UserInput>
    {
        public UserInputValidator()
        {
            RuleFor(x => x.Email).AccountEmail();
            RuleFor(x => x.DisplayName).DisplayName();
            RuleFor(x => x.InitialPassword).AccountPassword();
            RuleFor(x => x.Roles).RoleSet();
        }
    }

    [BindProperty]
    public UserInput Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            return Page();
        }
        var email = Input.Email.Trim();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = Input.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, Input.InitialPassword);
        if (result.Succeeded)
        {
            result = await users.AddToRolesAsync(user, Input.Roles.Distinct(StringComparer.Ordinal));
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            return Page();
        }
        await audit.RecordAsync(
            AuditActions.UserCreated,
            "user",
            user.Id,
            $"{email} as {string.Join(", ", Input.Roles)}",
            ct: ct
        );
        TempData["Flash"] = $"{email} can now sign in with the initial password you chose.";
        return RedirectToPage("Index");
    }
}

public static class RoleRules
{
    public static IRuleBuilderOptions<T, List<string>> RoleSet<T>(this IRuleBuilder<T, List<string>> rule) =>
        rule.NotEmpty()
            .WithMessage("Choose at least one role.")
            .Must(roles => roles.All(Roles.All.Contains))
            .WithMessage("Choose only Admin, Lead, Freelancer or Manager.");
}
