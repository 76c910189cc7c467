using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Admin.Users;

public sealed class EditModel(UserManager<AppUser> users, AuditLog audit, IValidator<EditModel.RolesInput> validator)
    : PageModel
{
    public sealed record RolesInput
    {
        public string DisplayName { get; init; } = "";
        public List<string> Roles { get; init; } = [];
    }

    public sealed class RolesInputValidator : AbstractValidator<RolesInput>
    {
        public RolesInputValidator()
        {
            RuleFor(x => x.DisplayName).DisplayName();
            RuleFor(x => x.Roles).RoleSet();
        }
    }

    [BindProperty]
    public RolesInput Input { get; set; } = new();
    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        Email = user.Email ?? "";
        Input = new RolesInput { DisplayName = user.DisplayName, Roles = [.. await users.GetRolesAsync(user)] };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        Email = user.Email ?? "";
        if (!await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            return Page();
        }
        var current = await users.GetRolesAsync(user);
        var wanted = Input.Roles.Distinct(StringComparer.Ordinal).ToList();
        if (!wanted.Contains(Roles.Admin) && await users.IsLastActiveAdminAsync(user))
        {
            ModelState.AddModelError(string.Empty, "This is the last active Admin; make another Admin first.");
            return Page();
        }
        user.DisplayName = Input.DisplayName.Trim();
        await users.UpdateAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        // Role changes reach open sessions at their next security-stamp check.
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(
            AuditActions.UserRolesChanged,
            "user",
            user.Id,
            $"{user.Email}: {string.Join(", ", current.Order(StringComparer.Ordinal))} → "
                + $"{string.Join(", ", wanted.Order(StringComparer.Ordinal))}",
            ct: ct
        );
        TempData["Flash"] = $"{user.Email} is saved.";
        return RedirectToPage("Index");
    }
}
