using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Core.Rules;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>Create, edit, clone, preview, enable/disable and delete a lane (Admin and Lead).</summary>
public sealed class EditModel(
    AppDbContext db,
    LaneMatcher matcher,
    AuditLog audit,
    TimeProvider clock,
    IValidator<LaneInput> validator
) : PageModel
{
    /// <summary>How many recent postings a preview runs over.</summary>
    public const int PreviewSize = 500;

    public sealed record PreviewRow(
        string PostingId,
        string Title,
        string? Url,
        bool Matched,
        bool WasMatched,
        IReadOnlyList<string> Reasons,
        IReadOnlyList<string> Keywords
    );

    [BindProperty]
    public LaneInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    /// <summary>
    /// Rows per page of a preview list: the summary, not a 10,000-pixel table, is what a lead reads first.
    /// </summary>
    public const int PreviewPageSize = 25;

    /// <summary>Which preview list is shown: "changes" (newly or no longer matched), "matches" or "others".</summary>
    [BindProperty]
    public string? PreviewShow { get; set; }

    [BindProperty]
    public int PreviewPage { get; set; }

    public bool IsNew => Id is null;
    public IReadOnlyList<PreviewRow>? Preview { get; private set; }

    public string PreviewList =>
        PreviewShow is "changes" or "matches" or "others" ? PreviewShow
        : !IsNew && Preview?.Any(r => r.Matched != r.WasMatched) == true ? "changes"
        : "matches";

    public IReadOnlyList<PreviewRow> PreviewRows =>
        (Preview ?? [])
            .Where(r =>
                PreviewList switch
                {
                    "changes" => r.Matched != r.WasMatched,
                    "matches" => r.Matched,
                    _ => !r.Matched,
                }
            )
            .ToList();
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? cloneFrom, CancellationToken ct)
    {
        if (Id is not null || cloneFrom is not null)
        {
            var row = await db.Lanes.AsNoTracking().SingleOrDefaultAsync(l => l.Id == (Id ?? cloneFrom), ct);
            if (row is null)
            {
                return NotFound();
            }
            Input = LaneInput.From(LaneRules.ToCore(row)) with { SearchExpression = row.SearchExpression };
            Version = row.Version;
            if (cloneFrom is not null)
            {
                Input = Input with { Id = $"{row.Id}-copy", Name = $"{row.Name} (copy)" };
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        DeriveId();
        if (await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            await BuildPreviewAsync(Input.ToLane(), ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        DeriveId();
        if (!await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            return Page();
        }
        var lane = Input.ToLane();
        var now = clock.GetUtcNow();
        Lane? row;
        if (IsNew)
        {
            if (await db.Lanes.AnyAsync(l => l.Id == lane.Id, ct))
            {
                ModelState.AddModelError("Input.Id", "Another lane already has this id.");
                return Page();
            }
            row = new Lane
            {
                Id = lane.Id,
                Name = lane.Name,
                CreatedAt = now,
                CreatedById = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
            };
            db.Lanes.Add(row);
        }
        else
        {
            row = await db.Lanes.SingleOrDefaultAsync(l => l.Id == Id, ct);
            if (row is null)
            {
                return NotFound();
            }
            if (row.Version != Version)
            {
                ModelState.AddModelError(
                    string.Empty,
                    "Someone else saved this lane while you were editing. Reload it to see their changes; your "
                        + "edits are still in the form."
                );
                return Page();
            }
            lane = lane with { Id = row.Id };
        }
        if (await db.Lanes.AnyAsync(l => l.Name == lane.Name && l.Id != lane.Id, ct))
        {
            ModelState.AddModelError("Input.Name", "Another lane already has this name.");
            return Page();
        }
        LaneRules.Apply(row, lane);
        row.SearchExpression = string.IsNullOrWhiteSpace(Input.SearchExpression) ? null : Input.SearchExpression.Trim();
        row.UpdatedAt = now;
        row.Version++;
        audit.Add(IsNew ? "lane.created" : "lane.updated", "lane", row.Id, row.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(
                string.Empty,
                "Someone else saved this lane at the same moment. Reload it; your edits are still in the form."
            );
            return Page();
        }
        var outcome = await matcher.RematchAllAsync(ct);
        TempData["Flash"] =
            $"Lane \"{row.Name}\" saved. Re-evaluated {outcome.Evaluated} postings: {outcome.Added} new matches, "
            + $"{outcome.Removed} withdrawn.";
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostToggleAsync(string id, CancellationToken ct)
    {
        var row = await db.Lanes.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (row is null)
        {
            return NotFound();
        }
        LaneRules.Apply(row, LaneRules.ToCore(row) with { Enabled = !row.Enabled });
        row.Version++;
        row.UpdatedAt = clock.GetUtcNow();
        audit.Add(row.Enabled ? "lane.enabled" : "lane.disabled", "lane", row.Id, row.Name);
        await db.SaveChangesAsync(ct);
        await matcher.RematchAllAsync(ct);
        TempData["Flash"] = $"Lane \"{row.Name}\" {(row.Enabled ? "enabled" : "disabled")}.";
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken ct)
    {
        var row = await db.Lanes.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (row is null)
        {
            return NotFound();
        }
        db.Lanes.Remove(row);
        audit.Add("lane.deleted", "lane", row.Id, row.Name);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"Lane \"{row.Name}\" and its matches are deleted.";
        return RedirectToPage("Index");
    }

    /// <summary>A new lane sent with no id takes the one its name suggests.</summary>
    private void DeriveId()
    {
        if (IsNew && string.IsNullOrWhiteSpace(Input.Id) && !string.IsNullOrWhiteSpace(Input.Name))
        {
            Input = Input with { Id = LaneInput.SlugOf(Input.Name) };
            ModelState.Remove("Input.Id");
        }
    }

    /// <summary>Runs the unsaved lane, and the saved version if any, over recent postings.</summary>
    private async Task BuildPreviewAsync(LaneDefinition draft, CancellationToken ct)
    {
        Warnings = LaneWarnings.For(draft);
        var saved = Id is null ? null : await db.Lanes.AsNoTracking().SingleOrDefaultAsync(l => l.Id == Id, ct);
        var postings = await db
            .Postings.AsNoTracking()
            .Where(p => p.ContentPurgedAt == null)
            .OrderByDescending(p => p.PublishedAt)
            .Take(PreviewSize)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var draftSet = CompiledLaneSet.Compile([draft with { Enabled = true, Id = "draft" }]);
        var savedSet = saved is null ? null : CompiledLaneSet.Compile([LaneRules.ToCore(saved)]);
        Preview = postings
            .Select(p =>
            {
                var job = LaneRules.ToJob(p);
                var decision = draftSet.Evaluate(job, now)[0];
                var before = savedSet?.Evaluate(job, now)[0].Matched ?? false;
                return new PreviewRow(
                    p.Id,
                    p.Title,
                    p.Url,
                    decision.Matched,
                    before,
                    decision.Evidence.Select(e => e.Detail).ToList(),
                    decision.MatchedKeywords
                );
            })
            .OrderByDescending(r => r.Matched != r.WasMatched)
            .ThenByDescending(r => r.Matched)
            .ToList();
        if (postings.Count > 0 && Preview.All(r => !r.Matched))
        {
            Warnings =
            [
                .. Warnings,
                $"This lane matches none of the {postings.Count} most recent postings in the store.",
            ];
        }
    }
}
