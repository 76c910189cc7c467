using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>
/// The triage queue. Leads and Admins act; Managers read; a Freelancer sees what is assigned to
/// them. Actions answer htmx requests with the changed row and everything else with a redirect,
/// so the page works with and without script.
/// </summary>
public sealed class IndexModel(
    AppDbContext db,
    QueueQuery queue,
    Triage triage,
    AuditLog audit,
    TimeProvider clock,
    StoreCache cache,
    IValidator<QueueFilter> filterValidator,
    IValidator<PresetInput> presetValidator
) : PageModel
{
    public QueueFilter Filter { get; private set; } = new();
    public QueuePage Results { get; private set; } = new([], null);
    public IReadOnlyList<QueueCount> Counts { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> LaneChoices { get; private set; } = [];
    public IReadOnlyList<Assignee> Assignees { get; private set; } = [];
    public IReadOnlyList<FilterPreset> Presets { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>The newest match id when the page was drawn (the live bar's line).</summary>
    public long NewestMatchId { get; private set; }

    [TempData]
    public string? Outcome { get; set; }

    public bool CanTriage => Policies.RolesFor[Policies.Triage].Any(User.IsInRole);
    public bool AssignedOnly => !JobAccess.ReadsAll(User);
    private string Me => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
    private QueueScope Scope => new(Me, AssignedOnly);

    public async Task OnGetAsync([FromQuery] QueueFilter filter, CancellationToken ct)
    {
        Filter = filter;
        Now = clock.GetUtcNow();
        // Before the rows: a match stored in between is then counted as new by the live bar (and
        // may also be on the page), never missed by both.
        NewestMatchId = await queue.NewestMatchIdAsync(ct);
        if (await filterValidator.ValidateIntoAsync(filter, ModelState, "", ct))
        {
            Results = await queue.PageAsync(filter, Scope, ct);
        }
        Counts = await queue.CountsAsync(Scope, ct);
        LaneChoices = await queue.LanesAsync(ct);
        Assignees = CanTriage ? await triage.AssigneesAsync(ct) : [];
        Presets = await cache.GetAsync<IReadOnlyList<FilterPreset>>(
            "queue:presets:" + Me,
            async () =>
                await db.FilterPresets.AsNoTracking().Where(p => p.UserId == Me).OrderBy(p => p.Name).ToListAsync(ct)
        );
    }

    /// <param name="view">"job" when the action came from the job page, which it then answers.</param>
    public async Task<IActionResult> OnPostActAsync(
        TriageInput input,
        string? returnQuery,
        string? view,
        CancellationToken ct
    )
    {
        if (!CanTriage)
            return Forbid();
        var outcome = await triage.ApplyAsync(input, User, ct);
        var fromJob = view == QueueRowsView.JobView;
        if (!IsHtmx)
        {
            if (!fromJob || await queue.RowAsync(input.MatchId, ct) is not { } acted)
                return BackToQueue(outcome.Message, returnQuery);
            Outcome = outcome.Message;
            return Redirect(Url.Page("/Queue/Job", new { postingId = acted.PostingId })!);
        }
        var row = await queue.RowAsync(input.MatchId, ct);
        if (row is null)
            return Content(""); // gone: htmx swaps the row away
        QueueCountsView? counts = null;
        if (!fromJob)
        {
            // The queue's own view (htmx sends its address): its counts, changed by this action.
            Filter = FilterOf(Request.Headers["HX-Current-URL"]);
            Counts = await queue.CountsAsync(Scope, ct);
            LaneChoices = await queue.LanesAsync(ct);
            counts = CountsView(oob: true);
        }
        return Partial(
            "_QueueRows",
            new QueueRowsView([row], true, clock.GetUtcNow())
            {
                Outcome = outcome,
                InlineChoices = fromJob ? await triage.AssigneesAsync(ct) : null,
                Counts = counts,
            }
        );
    }

    /// <summary>One action on every selected row; each row keeps its own version check.</summary>
    public async Task<IActionResult> OnPostBulkAsync(BulkInput bulk, string? returnQuery, CancellationToken ct)
    {
        if (!CanTriage)
            return Forbid();
        if (bulk.Selected.Count == 0)
            return BackToQueue("Select at least one job first.", returnQuery);
        var outcomes = new List<TriageOutcome>();
        foreach (var item in bulk.Selected.Take(200))
        {
            var parts = item.Split(':');
            if (
                parts.Length != 2
                || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)
                || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var version)
            )
            {
                continue;
            }
            outcomes.Add(
                await triage.ApplyAsync(
                    new TriageInput
                    {
                        MatchId = id,
                        Version = version,
                        Action = bulk.Action,
                        Reason = bulk.Reason,
                        SnoozeHours = bulk.SnoozeHours,
                        AssigneeId = bulk.AssigneeId,
                    },
                    User,
                    ct
                )
            );
        }
        var done = outcomes.Count(o => o.Done);
        var problems = outcomes.Where(o => !o.Done).Select(o => $"#{o.MatchId}: {o.Message}").ToList();
        var message =
            $"{bulk.Action}: {done} of {outcomes.Count} done."
            + (problems.Count > 0 ? " " + string.Join(" ", problems.Take(5)) : "");
        return BackToQueue(message, returnQuery);
    }

    public async Task<IActionResult> OnPostSavePresetAsync(PresetInput preset, CancellationToken ct)
    {
        if (!await presetValidator.ValidateIntoAsync(preset, ModelState, "", ct))
        {
            return BackToQueue(
                string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)),
                preset.Query
            );
        }
        var presets = db.FilterPresets;
        var existing = await presets.SingleOrDefaultAsync(p => p.UserId == Me && p.Name == preset.Name.Trim(), ct);
        if (existing is null)
        {
            presets.Add(
                new FilterPreset
                {
                    UserId = Me,
                    Name = preset.Name.Trim(),
                    Query = preset.Query ?? "",
                    CreatedAt = clock.GetUtcNow(),
                }
            );
        }
        else
        {
            existing.Query = preset.Query ?? "";
        }
        audit.Add(AuditActions.FilterPresetSaved, "preset", preset.Name.Trim(), preset.Query);
        await db.SaveChangesAsync(ct);
        return BackToQueue($"Saved the view “{preset.Name.Trim()}”.", preset.Query);
    }

    public async Task<IActionResult> OnPostDeletePresetAsync(long id, CancellationToken ct)
    {
        var preset = await db.FilterPresets.SingleOrDefaultAsync(p => p.Id == id && p.UserId == Me, ct);
        if (preset is null)
            return NotFound();
        db.Remove(preset);
        audit.Add(AuditActions.FilterPresetDeleted, "preset", preset.Name);
        await db.SaveChangesAsync(ct);
        return BackToQueue($"Deleted the view “{preset.Name}”.", null);
    }

    public QueueCountsView CountsView(bool oob) => new(Filter, AssignedOnly, Counts, LaneChoices, oob);

    private static QueueFilter FilterOf(string? url)
    {
        var query = Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query)
            : [];
        return new QueueFilter
        {
            Lane = query.GetValueOrDefault("lane").ToString(),
            Status = query.GetValueOrDefault("status").ToString(),
        };
    }

    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    private RedirectResult BackToQueue(string message, string? returnQuery)
    {
        Outcome = message;
        // Only a query string of our own goes back into the redirect, never a URL.
        // Parsed and written again, so nothing but encoded name=value pairs (no CR/LF, no URL) reaches the header.
        var query =
            returnQuery is { Length: > 0 and <= 2000 } q && q.StartsWith('?')
                ? QueryString
                    .Create(
                        QueryHelpers
                            .ParseQuery(q)
                            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
                    )
                    .Value
                    ?? ""
                : "";
        return Redirect(Url.Page("/Queue/Index") + query);
    }
}

public sealed record BulkInput
{
    public List<string> Selected { get; init; } = [];
    public TriageAction? Action { get; init; }
    public string? Reason { get; init; }
    public int? SnoozeHours { get; init; }
    public string? AssigneeId { get; init; }
}

public sealed record PresetInput
{
    public string Name { get; init; } = "";
    public string? Query { get; init; }
}

public sealed class PresetInputValidator : AbstractValidator<PresetInput>
{
    public PresetInputValidator()
    {
        RuleFor(p => p.Name)
            .NotEmpty()
            .WithMessage("Name the view to save it.")
            .MaximumLength(60)
            .WithMessage("Keep the name under 60 characters.");
        RuleFor(p => p.Query)
            .MaximumLength(1000)
            .Must(q => string.IsNullOrEmpty(q) || q.StartsWith('?'))
            .WithMessage("That view cannot be saved.");
    }
}

/// <summary>What the rows partial needs.</summary>
public sealed record QueueRowsView(IReadOnlyList<QueueRow> Rows, bool CanTriage, DateTimeOffset Now)
{
    public const string JobView = "job";

    /// <summary>
    /// The job page draws each row's own reason, snooze and assign choices (with these people);
    /// the queue page leaves them out and shares one panel of choices between all its rows.
    /// </summary>
    public IReadOnlyList<Assignee>? InlineChoices { get; init; }

    /// <summary>What the action just taken on the (single) row came to.</summary>
    public TriageOutcome? Outcome { get; init; }

    /// <summary>The queue's counts after an action, sent along out of band.</summary>
    public QueueCountsView? Counts { get; init; }
}

/// <summary>The lane and status choices with their counts, within what the person may see.</summary>
public sealed record QueueCountsView(
    QueueFilter Filter,
    bool AssignedOnly,
    IReadOnlyList<QueueCount> Counts,
    IReadOnlyList<(string Id, string Name)> Lanes,
    bool OutOfBand
)
{
    public int CountOf(string? laneId, MatchStatus status) =>
        Counts.Where(c => (laneId is null || c.LaneId == laneId) && c.Status == status).Sum(c => c.Count);

    public int CountOf(string? laneId, IReadOnlyList<MatchStatus> statuses) => statuses.Sum(s => CountOf(laneId, s));
}

/// <summary>
/// The "N new — show" bar (live.js and /live fill it in): the lane it counts in and the address that shows them.
/// </summary>
public sealed record LiveBarView(string? Lane, string Href, long Since);
