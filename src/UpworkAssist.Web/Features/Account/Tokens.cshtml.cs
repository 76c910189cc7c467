using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Api;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Account;

/// <summary>The signed-in user's personal access tokens for the JSON API.</summary>
public sealed class TokensModel(
    AppDbContext db,
    AccessTokens tokens,
    UserManager<AppUser> users,
    AuditLog audit,
    IValidator<TokensModel.TokenInput> validator
) : PageModel
{
    public sealed record TokenInput
    {
        public string Name { get; init; } = "";
        public int? ExpiresInDays { get; init; } = 90;
    }

    public sealed class TokenInputValidator : AbstractValidator<TokenInput>
    {
        public TokenInputValidator()
        {
            RuleFor(x => x.Name)
                .NotEmpty()
                .WithMessage("Name the token after what will use it.")
                .MaximumLength(100)
                .WithMessage("Use at most 100 characters.");
            RuleFor(x => x.ExpiresInDays)
                .InclusiveBetween(1, 366)
                .When(x => x.ExpiresInDays is not null)
                .WithMessage("Choose between 1 and 366 days, or no expiry.");
        }
    }

    [BindProperty]
    public TokenInput Input { get; set; } = new();

    public IReadOnlyList<AccessToken> Tokens { get; private set; } = [];

    /// <summary>The new secret, shown once on the page that created it and never again.</summary>
    public string? NewSecret { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            await LoadAsync(ct);
            return Page();
        }
        var userId = users.GetUserId(User)!;
        var issued = await tokens.IssueAsync(
            userId,
            Input.Name,
            Input.ExpiresInDays is { } d ? TimeSpan.FromDays(d) : null,
            ct
        );
        await audit.RecordAsync(
            AuditActions.TokenCreated,
            "token",
            issued.Token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{issued.Token.Name} ({issued.Token.Prefix}…)",
            ct: ct
        );
        NewSecret = issued.Secret;
        Input = new TokenInput();
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        if (await tokens.RevokeAsync(users.GetUserId(User)!, id, ct))
        {
            await audit.RecordAsync(
                AuditActions.TokenRevoked,
                "token",
                id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ct: ct
            );
            TempData["Flash"] = "The token is revoked; anything using it is refused from now on.";
        }
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = users.GetUserId(User);
        Tokens = await db
            .AccessTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.Id)
            .ToListAsync(ct);
    }
}
