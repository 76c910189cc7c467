using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Drafts;

public sealed record TemplateInput
{
    public string Name { get; init; } = "";
    public TemplateKind Kind { get; init; }
    public string? LaneId { get; init; }
    public string Body { get; init; } = "";
    public string? Notes { get; init; }
    public int Version { get; init; }
}

public sealed class TemplateInputValidator : AbstractValidator<TemplateInput>
{
    public TemplateInputValidator()
    {
        RuleFor(t => t.Name)
            .NotEmpty()
            .WithMessage("Name the template.")
            .MaximumLength(100)
            .WithMessage("Use at most 100 characters.");
        RuleFor(t => t.Body)
            .NotEmpty()
            .WithMessage("Write the template.")
            .MaximumLength(8000)
            .WithMessage("Use at most 8,000 characters.");
        RuleFor(t => t.Notes).MaximumLength(4000).WithMessage("Use at most 4,000 characters.");
    }
}

/// <summary>Create or edit a template; each save keeps the previous body as a numbered version.</summary>
public sealed class TemplateModel(
    AppDbContext db,
    AuditLog audit,
    TimeProvider clock,
    IValidator<TemplateInput> validator
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public TemplateInput Input { get; set; } = new();
    public IReadOnlyList<Lane> Lanes { get; private set; } = [];
    public IReadOnlyList<TemplateVersion> Versions { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var t = await db.DraftTemplates.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (t is null)
            {
                return NotFound();
            }
            Input = new TemplateInput
            {
                Name = t.Name,
                Kind = t.Kind,
                LaneId = t.LaneId,
                Body = t.Body,
                Notes = t.Notes,
                Version = t.Version,
            };
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            await LoadAsync(ct);
            return Page();
        }
        var now = clock.GetUtcNow();
        DraftTemplate? t;
        if (Id is { } id)
        {
            t = await db.DraftTemplates.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (t is null)
            {
                return NotFound();
            }
            if (t.Version != Input.Version)
            {
                Error =
                    "Someone saved this template meanwhile; your text is below, the newest version is in the history.";
                await LoadAsync(ct);
                return Page();
            }
            t.Version++;
        }
        else
        {
            t = new DraftTemplate { Name = Input.Name };
            db.DraftTemplates.Add(t);
        }
        t.Name = Input.Name.Trim();
        t.Kind = Input.Kind;
        t.LaneId = string.IsNullOrEmpty(Input.LaneId) ? null : Input.LaneId;
        t.Body = Input.Body.Replace("\r\n", "\n").Trim();
        t.Notes = (Input.Notes ?? "").Trim();
        t.UpdatedAt = now;
        t.UpdatedById = DraftWorkflow.UserId(User);
        await db.SaveChangesAsync(ct);
        db.TemplateVersions.Add(
            new TemplateVersion
            {
                TemplateId = t.Id,
                Version = t.Version,
                Body = t.Body,
                SavedAt = now,
                SavedById = t.UpdatedById,
            }
        );
        audit.Add(AuditActions.TemplateSaved, "template", t.Id.ToString(), $"{t.Name} version {t.Version}");
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { id = t.Id });
    }

    public async Task<IActionResult> OnPostArchiveAsync(CancellationToken ct)
    {
        var t = await db.DraftTemplates.SingleOrDefaultAsync(x => x.Id == Id, ct);
        if (t is null)
        {
            return NotFound();
        }
        t.Archived = true;
        audit.Add(AuditActions.TemplateSaved, "template", t.Id.ToString(), $"{t.Name} archived");
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Templates");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Lanes = await db.Lanes.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        Versions = Id is null
            ? []
            : await db
                .TemplateVersions.AsNoTracking()
                .Where(v => v.TemplateId == Id)
                .OrderByDescending(v => v.Version)
                .Take(20)
                .ToListAsync(ct);
    }
}
