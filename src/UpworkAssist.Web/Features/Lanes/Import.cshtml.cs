using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>
/// Imports a RULES.md lanes file, all or nothing: every error is listed and nothing is stored
/// unless the whole file is valid. A lane whose id exists is replaced; others are added.
/// </summary>
public sealed class ImportModel(
    AppDbContext db,
    LaneMatcher matcher,
    AuditLog audit,
    TimeProvider clock,
    IValidator<LaneInput> form
) : PageModel
{
    public const long MaxBytes = 2 * 1024 * 1024;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Errors = ["Choose a lanes JSON file to import."];
            return Page();
        }
        if (file.Length > MaxBytes)
        {
            Errors = [$"{file.FileName}: the file is larger than 2 MB."];
            return Page();
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var read = LaneJson.Read(buffer.ToArray());
        var errors = read.Errors.Count > 0 ? read.Errors : LaneValidator.Validate(read.Items);
        if (errors.Count > 0)
        {
            Errors = errors.Select(e => e.ToString(file.FileName)).ToList();
            return Page();
        }
        // The edit form's own rules, so a file cannot store what the form would refuse.
        var formErrors = new List<string>();
        for (var i = 0; i < read.Items.Count; i++)
        {
            var result = await form.ValidateAsync(LaneInput.From(read.Items[i]), ct);
            formErrors.AddRange(
                result.Errors.Select(e =>
                    $"{file.FileName}: [{i}].{char.ToLowerInvariant(e.PropertyName[0])}{e.PropertyName[1..]}: "
                    + $"{e.ErrorMessage}"
                )
            );
        }
        if (formErrors.Count > 0)
        {
            Errors = formErrors;
            return Page();
        }
        var names = read
            .Items.GroupBy(l => l.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        if (names.Count > 0)
        {
            Errors = names
                .Select(n => $"{file.FileName}: two lanes are named \"{n}\"; lane names must be unique.")
                .ToList();
            return Page();
        }

        var now = clock.GetUtcNow();
        var ids = read.Items.Select(l => l.Id).ToList();
        var existing = await db.Lanes.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var clashing = await db.Lanes.Where(l => !ids.Contains(l.Id)).Select(l => l.Name).ToListAsync(ct);
        var clashes = read
            .Items.Where(l => clashing.Contains(l.Name))
            .Select(l => $"{file.FileName}: a lane named \"{l.Name}\" already exists with another id.")
            .ToList();
        if (clashes.Count > 0)
        {
            Errors = clashes;
            return Page();
        }
        foreach (var lane in read.Items)
        {
            if (!existing.TryGetValue(lane.Id, out var row))
            {
                row = new Lane
                {
                    Id = lane.Id,
                    Name = lane.Name,
                    CreatedAt = now,
                };
                db.Lanes.Add(row);
            }
            LaneRules.Apply(row, lane);
            row.UpdatedAt = now;
            row.Version++;
        }
        audit.Add(
            "lane.imported",
            "lanes",
            null,
            $"{read.Items.Count} lanes from {file.FileName}: {string.Join(", ", ids)}"
        );
        await db.SaveChangesAsync(ct);
        var outcome = await matcher.RematchAllAsync(ct);
        TempData["Flash"] =
            $"Imported {read.Items.Count} lanes. Re-evaluated {outcome.Evaluated} postings: {outcome.Added} new "
            + $"matches.";
        return RedirectToPage("Index");
    }
}
