using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Drafts;

public sealed record ProfileInput
{
    public string Skills { get; init; } = "";
    public string Bio { get; init; } = "";
    public decimal? HourlyRate { get; init; }
    public decimal? MinFixedPrice { get; init; }
}

public sealed class ProfileInputValidator : AbstractValidator<ProfileInput>
{
    public ProfileInputValidator()
    {
        RuleFor(p => p.Skills).MaximumLength(500).WithMessage("Use at most 500 characters.");
        RuleFor(p => p.Bio).MaximumLength(600).WithMessage("Keep the bio short: at most 600 characters.");
        RuleFor(p => p.HourlyRate)
            .InclusiveBetween(1, 1000)
            .When(p => p.HourlyRate is not null)
            .WithMessage("Enter an hourly rate between 1 and 1000.");
        RuleFor(p => p.MinFixedPrice)
            .InclusiveBetween(1, 1_000_000)
            .When(p => p.MinFixedPrice is not null)
            .WithMessage("Enter a price between 1 and 1,000,000.");
    }
}

public sealed record ProofInput
{
    public ProofKind Kind { get; init; }
    public string Label { get; init; } = "";
    public string Url { get; init; } = "";
}

public sealed class ProofInputValidator : AbstractValidator<ProofInput>
{
    public ProofInputValidator()
    {
        RuleFor(p => p.Label)
            .NotEmpty()
            .WithMessage("Give the proof a label.")
            .MaximumLength(100)
            .WithMessage("Use at most 100 characters.");
        RuleFor(p => p.Url)
            .NotEmpty()
            .WithMessage("Enter the link.")
            .MaximumLength(500)
            .WithMessage("Use at most 500 characters.")
            .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            .WithMessage("Enter a full http(s) link.");
    }
}

/// <summary>The signed-in person's own profile and proof artifacts, which the drafters fill in.</summary>
public sealed class ProfileModel(
    AppDbContext db,
    AuditLog audit,
    TimeProvider clock,
    IValidator<ProfileInput> profileValidator,
    IValidator<ProofInput> proofValidator
) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    [BindProperty]
    public ProofInput Proof { get; set; } = new();
    public IReadOnlyList<ProofArtifact> Proofs { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    private string UserId => DraftWorkflow.UserId(User);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var p = await db.FreelancerProfiles.AsNoTracking().SingleOrDefaultAsync(x => x.UserId == UserId, ct);
        if (p is not null)
        {
            Input = new ProfileInput
            {
                Skills = p.Skills,
                Bio = p.Bio,
                HourlyRate = p.HourlyRate,
                MinFixedPrice = p.MinFixedPrice,
            };
        }
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (!await profileValidator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            await LoadAsync(ct);
            return Page();
        }
        var p = await db.FreelancerProfiles.SingleOrDefaultAsync(x => x.UserId == UserId, ct);
        if (p is null)
        {
            p = new FreelancerProfile { UserId = UserId };
            db.FreelancerProfiles.Add(p);
        }
        p.Skills = string.Join(
            ", ",
            Input.Skills.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        );
        p.Bio = Input.Bio.Trim();
        p.HourlyRate = Input.HourlyRate;
        p.MinFixedPrice = Input.MinFixedPrice;
        p.UpdatedAt = clock.GetUtcNow();
        audit.Add(AuditActions.ProfileSaved, "user", UserId);
        await db.SaveChangesAsync(ct);
        Message = "Profile saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddProofAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (!await proofValidator.ValidateIntoAsync(Proof, ModelState, "Proof", ct))
        {
            await OnGetAsync(ct);
            return Page();
        }
        db.ProofArtifacts.Add(
            new ProofArtifact
            {
                UserId = UserId,
                Kind = Proof.Kind,
                Label = Proof.Label.Trim(),
                Url = Proof.Url.Trim(),
            }
        );
        audit.Add(AuditActions.ProfileSaved, "user", UserId, $"proof added: {Proof.Label.Trim()}");
        await db.SaveChangesAsync(ct);
        Message = "Proof added.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteProofAsync(long id, CancellationToken ct)
    {
        var proof = await db.ProofArtifacts.SingleOrDefaultAsync(p => p.Id == id && p.UserId == UserId, ct);
        if (proof is null)
        {
            return NotFound();
        }
        db.ProofArtifacts.Remove(proof);
        audit.Add(AuditActions.ProfileSaved, "user", UserId, $"proof removed: {proof.Label}");
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Proofs = await db
            .ProofArtifacts.AsNoTracking()
            .Where(p => p.UserId == UserId)
            .OrderBy(p => p.Label)
            .ToListAsync(ct);
}
