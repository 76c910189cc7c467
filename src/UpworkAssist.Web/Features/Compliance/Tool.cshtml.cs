using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Compliance;

public sealed record ToolInput
{
    public string Name { get; init; } = "";
    public string? Purpose { get; init; }
    public string? Owner { get; init; }
    public bool AutoSubmits { get; init; }
    public bool Scrapes { get; init; }
    public bool LogsInAsYou { get; init; }
    public bool MessagesClients { get; init; }
    public bool BypassesLimits { get; init; }
    public ToolDecision Decision { get; init; }
    public string? Notes { get; init; }
}

public sealed class ToolInputValidator : AbstractValidator<ToolInput>
{
    public ToolInputValidator()
    {
        RuleFor(i => i.Name)
            .NotEmpty()
            .WithMessage("Name the tool.")
            .MaximumLength(200)
            .WithMessage("Use at most 200 characters.");
        RuleFor(i => i.Purpose).MaximumLength(1000).WithMessage("Use at most 1000 characters.");
        RuleFor(i => i.Owner).MaximumLength(200).WithMessage("Use at most 200 characters.");
        RuleFor(i => i.Notes).MaximumLength(2000).WithMessage("Use at most 2000 characters.");
        RuleFor(i => i.Decision).IsInEnum().WithMessage("Choose a decision.");
    }
}

/// <summary>Add or edit one inventory tool and answer its questionnaire (Admins and Leads).</summary>
public sealed class ToolModel(AppDbContext db, AuditLog audit, TimeProvider clock, IValidator<ToolInput> validator)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public ToolInput Input { get; set; } = new();
    public AutomationTool? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not null)
        {
            Existing = await db.AutomationTools.AsNoTracking().SingleOrDefaultAsync(t => t.Id == Id, ct);
            if (Existing is null)
            {
                return NotFound();
            }
            var t = Existing;
            Input = new ToolInput
            {
                Name = t.Name,
                Purpose = t.Purpose,
                Owner = t.Owner,
                AutoSubmits = t.AutoSubmits,
                Scrapes = t.Scrapes,
                LogsInAsYou = t.LogsInAsYou,
                MessagesClients = t.MessagesClients,
                BypassesLimits = t.BypassesLimits,
                Decision = t.Decision,
                Notes = t.Notes,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var tool = Id is null ? null : await db.AutomationTools.SingleOrDefaultAsync(t => t.Id == Id, ct);
        if (Id is not null && tool is null)
        {
            return NotFound();
        }
        Existing = tool;
        if (!await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            return Page();
        }
        var name = Input.Name.Trim();
        if (await db.AutomationTools.AnyAsync(t => t.Name == name && t.Id != (Id ?? 0), ct))
        {
            ModelState.AddModelError("Input.Name", "A tool with this name is already listed.");
            return Page();
        }
        var now = clock.GetUtcNow();
        if (tool is null)
        {
            tool = new AutomationTool { Name = name, CreatedAt = now };
            db.AutomationTools.Add(tool);
        }
        tool.Owner = Blank(Input.Owner);
        tool.Decision = Input.Decision;
        tool.Notes = Blank(Input.Notes);
        tool.UpdatedAt = now;
        if (!tool.IsBuiltIn)
        {
            // UpworkAssist's own answers are facts of the code: only its owner, decision and notes change.
            tool.Name = name;
            tool.Purpose = Blank(Input.Purpose);
            (tool.AutoSubmits, tool.Scrapes, tool.LogsInAsYou, tool.MessagesClients, tool.BypassesLimits) = (
                Input.AutoSubmits,
                Input.Scrapes,
                Input.LogsInAsYou,
                Input.MessagesClients,
                Input.BypassesLimits
            );
        }
        var assessment = ToolAssessment.Assess(tool);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(
            Id is null ? AuditActions.ToolCreated : AuditActions.ToolUpdated,
            "tool",
            tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{tool.Name}: {assessment.Tag}, {tool.Decision}",
            ct: ct
        );
        TempData["Flash"] = $"{tool.Name} is {assessment.Tag.ToLowerInvariant()}. {assessment.Why}";
        return RedirectToPage("/Compliance/Inventory");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
