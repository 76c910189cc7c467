using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Drafts;

public sealed record LiftInput
{
    public string UserId { get; init; } = "";
    public string Reason { get; init; } = "";
}

public sealed class LiftInputValidator : AbstractValidator<LiftInput>
{
    public LiftInputValidator()
    {
        RuleFor(l => l.UserId).NotEmpty().WithMessage("Choose the person.");
        RuleFor(l => l.Reason)
            .NotEmpty()
            .WithMessage("Write why the cap is lifted today.")
            .MinimumLength(10)
            .WithMessage("Say a little more: at least 10 characters.")
            .MaximumLength(500)
            .WithMessage("Use at most 500 characters.");
    }
}

/// <summary>
/// Admins and Leads: today's pace per person with the audited lift, and which lanes need a lead's approval.
/// </summary>
public sealed class TeamModel(
    AppDbContext db,
    UserManager<AppUser> users,
    PaceGuard pace,
    AuditLog audit,
    TimeProvider clock,
    IValidator<LiftInput> validator
) : PageModel
{
    public sealed record PersonRow(string UserId, string Name, PaceStatus Pace);

    [BindProperty]
    public LiftInput Input { get; set; } = new();
    public IReadOnlyList<PersonRow> People { get; private set; } = [];
    public IReadOnlyList<(Lane Lane, bool RequiresLead)> Lanes { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostLiftAsync(CancellationToken ct)
    {
        var valid = await validator.ValidateIntoAsync(Input, ModelState, ct: ct);
        if (valid && !await db.Users.AnyAsync(u => u.Id == Input.UserId, ct))
        {
            ModelState.AddModelError("Input.UserId", "Choose the person.");
            valid = false;
        }
        if (!valid)
        {
            await LoadAsync(ct);
            return Page();
        }
        db.PaceOverrides.Add(
            new PaceOverride
            {
                UserId = Input.UserId,
                Day = pace.Today,
                ById = DraftWorkflow.UserId(User),
                Reason = Input.Reason.Trim(),
                At = clock.GetUtcNow(),
            }
        );
        audit.Add(AuditActions.PaceLifted, "user", Input.UserId, $"for {pace.Today:yyyy-MM-dd}: {Input.Reason.Trim()}");
        await db.SaveChangesAsync(ct);
        Message = "Pace cap lifted for today.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLanePolicyAsync(string laneId, bool requiresLead, CancellationToken ct)
    {
        if (!await db.Lanes.AnyAsync(l => l.Id == laneId, ct))
        {
            return NotFound();
        }
        var policy = await db.LaneDraftPolicies.SingleOrDefaultAsync(p => p.LaneId == laneId, ct);
        if (policy is null)
        {
            policy = new LaneDraftPolicy { LaneId = laneId };
            db.LaneDraftPolicies.Add(policy);
        }
        policy.RequiresLeadApproval = requiresLead;
        policy.UpdatedAt = clock.GetUtcNow();
        audit.Add(
            AuditActions.LaneDraftPolicySaved,
            "lane",
            laneId,
            requiresLead ? "drafts need a lead's approval" : "drafts need only the freelancer's approval"
        );
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // Everyone who drafts: the pace cap is per person.
        var drafters = new List<AppUser>();
        foreach (var role in Policies.RolesFor[Policies.Drafting])
        {
            drafters.AddRange(await users.GetUsersInRoleAsync(role));
        }
        var people = new List<PersonRow>();
        foreach (var u in drafters.Where(u => !u.IsDisabled).DistinctBy(u => u.Id).OrderBy(u => u.DisplayName))
        {
            people.Add(new PersonRow(u.Id, u.DisplayName, await pace.StatusAsync(u.Id, ct)));
        }
        People = people;
        var policies = await db
            .LaneDraftPolicies.AsNoTracking()
            .ToDictionaryAsync(p => p.LaneId, p => p.RequiresLeadApproval, ct);
        Lanes = (await db.Lanes.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct))
            .Select(l => (l, policies.GetValueOrDefault(l.Id)))
            .ToList();
    }
}
