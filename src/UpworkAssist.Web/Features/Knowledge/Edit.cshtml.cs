using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Knowledge;

public sealed record KnowledgeInput
{
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Markdown { get; init; } = "";
    public int Version { get; init; }
}

public sealed partial class KnowledgeInputValidator : AbstractValidator<KnowledgeInput>
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public KnowledgeInputValidator()
    {
        RuleFor(i => i.Title)
            .NotEmpty()
            .WithMessage("Give the page a title.")
            .MaximumLength(200)
            .WithMessage("Use at most 200 characters.");
        RuleFor(i => i.Slug)
            .NotEmpty()
            .WithMessage("Give the page an address.")
            .MaximumLength(80)
            .WithMessage("Use at most 80 characters.")
            .Matches(SlugPattern())
            .WithMessage("Use lower-case letters, digits and single hyphens, like kickoff-call.");
        RuleFor(i => i.Markdown)
            .NotEmpty()
            .WithMessage("Write the page.")
            .MaximumLength(100_000)
            .WithMessage("Use at most 100,000 characters.");
    }
}

/// <summary>Create, edit or delete a knowledge page (Leads and Admins).</summary>
public sealed class EditModel(
    AppDbContext db,
    AuditLog audit,
    TimeProvider clock,
    IValidator<KnowledgeInput> validator,
    MarkdownRenderer renderer
) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "slug")]
    public string? Existing { get; set; }

    [BindProperty]
    public KnowledgeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Existing is null)
        {
            return Page();
        }
        var row = await db.KnowledgePages.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == Existing, ct);
        if (row is null)
        {
            return NotFound();
        }
        Input = new KnowledgeInput
        {
            Title = row.Title,
            Slug = row.Slug,
            Markdown = row.Markdown,
            Version = row.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var row = Existing is null ? null : await db.KnowledgePages.SingleOrDefaultAsync(p => p.Slug == Existing, ct);
        if (Existing is not null && row is null)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            return Page();
        }
        // Rendered on save: what cannot render is refused here, so no stored page fails to read.
        if (!renderer.TryToSafeHtml(Input.Markdown, out _))
        {
            ModelState.AddModelError(
                "Input.Markdown",
                "This text cannot be rendered: it is nested too deeply. Flatten its lists or quotes."
            );
            return Page();
        }
        var slug = Input.Slug.Trim();
        if (await db.KnowledgePages.AnyAsync(p => p.Slug == slug && p.Id != (row == null ? 0 : row.Id), ct))
        {
            ModelState.AddModelError("Input.Slug", "Another page has this address.");
            return Page();
        }
        if (row is not null && row.Version != Input.Version)
        {
            ModelState.AddModelError(
                "",
                "Someone saved this page after you opened it. Copy your text, reload, and apply your change again."
            );
            return Page();
        }
        var now = clock.GetUtcNow();
        if (row is null)
        {
            row = new KnowledgePage
            {
                Slug = slug,
                Title = Input.Title.Trim(),
                CreatedAt = now,
            };
            db.KnowledgePages.Add(row);
        }
        (row.Slug, row.Title, row.Markdown, row.UpdatedAt, row.UpdatedBy) = (
            slug,
            Input.Title.Trim(),
            Input.Markdown,
            now,
            User.Identity?.Name ?? ""
        );
        row.Version++;
        audit.Add(
            Existing is null ? AuditActions.KnowledgePageCreated : AuditActions.KnowledgePageUpdated,
            "knowledge",
            slug,
            row.Title
        );
        await db.SaveChangesAsync(ct);
        return Redirect("/Knowledge/Read?slug=" + Uri.EscapeDataString(slug));
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var row = await db.KnowledgePages.SingleOrDefaultAsync(p => p.Slug == Existing, ct);
        if (row is null)
        {
            return NotFound();
        }
        db.KnowledgePages.Remove(row);
        audit.Add(AuditActions.KnowledgePageDeleted, "knowledge", row.Slug, row.Title);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Deleted \"{row.Title}\".";
        return Redirect("/Knowledge");
    }
}
