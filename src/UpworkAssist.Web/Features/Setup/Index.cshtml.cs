using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Setup;

[AllowAnonymous]
public sealed class IndexModel(FirstRun firstRun, IValidator<IndexModel.SetupInput> validator) : PageModel
{
    public sealed record SetupInput
    {
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Password { get; init; } = "";
        public string ConfirmPassword { get; init; } = "";
    }

    public sealed class SetupInputValidator : AbstractValidator<SetupInput>
    {
        public SetupInputValidator()
        {
            RuleFor(x => x.Email).AccountEmail();
            RuleFor(x => x.DisplayName).DisplayName();
            RuleFor(x => x.Password).AccountPassword();
            RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage("The two passwords differ.");
        }
    }

    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await firstRun.HasUsersAsync(ct) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await firstRun.HasUsersAsync(ct))
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            return Page();
        }
        var outcome = await firstRun.CreateFirstAdminAsync(
            Input.Email.Trim(),
            Input.DisplayName.Trim(),
            Input.Password,
            AuditActions.SetupAdminCreated,
            ct
        );
        if (!outcome.Created)
        {
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError(string.Empty, error);
            }
            return Page();
        }
        TempData["Flash"] = "The first Admin is ready. Sign in to continue.";
        return RedirectToPage("/Account/Login");
    }
}
