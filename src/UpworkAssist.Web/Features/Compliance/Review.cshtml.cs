using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// The quarterly review: this quarter's state, what to check, the history, and (Admins) the reminder
/// routes, "start now", "send the reminder now" and completing the review with notes.
/// </summary>
public sealed class ReviewModel(
    AppDbContext db,
    QuarterlyReviewJob job,
    RouteSecrets secrets,
    TargetHosts hosts,
    AuditLog audit,
    TimeProvider clock
) : PageModel
{
    public ComplianceReview? Current { get; private set; }
    public IReadOnlyList<ComplianceReview> History { get; private set; } = [];
    public ReviewReminderSettings Settings { get; private set; } = new();
    public string Quarter { get; private set; } = "";
    public bool IsAdmin => User.IsInRole(Roles.Admin);

    [BindProperty]
    public string? Notes { get; set; }

    [BindProperty]
    public bool EmailAdmins { get; set; }

    [BindProperty]
    public string? SlackSecret { get; set; }

    [BindProperty]
    public string? SlackChannel { get; set; }

    [BindProperty]
    public bool RemoveSlack { get; set; }

    public static readonly IReadOnlyList<string> Checklist =
    [
        "Walk the automation inventory: add anything new, answer the questionnaire again for every tool.",
        "Disable or replace every tool tagged risky.",
        "Read the marketplace's terms, automation policy and API terms for changes, with the team.",
        "Look at the compliance signals for the quarter (export them) and explain every red one.",
        "Update the SOPs in the knowledge base where the workflow changed.",
    ];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }
        await job.OpenAsync(clock.GetUtcNow(), User.Identity?.Name ?? "", ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemindAsync(CancellationToken ct)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }
        var review = await job.OpenAsync(clock.GetUtcNow(), User.Identity?.Name ?? "", ct);
        // Clearing the last reminder makes the job remind now, whatever the interval.
        review.LastRemindedAt = null;
        await db.SaveChangesAsync(ct);
        review = await job.RunAsync(ct);
        TempData["Flash"] = "Reminder: " + review.LastReminder;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCompleteAsync(CancellationToken ct)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }
        var review = await job.OpenAsync(clock.GetUtcNow(), User.Identity?.Name ?? "", ct);
        if (review.CompletedAt is not null)
        {
            return RedirectToPage();
        }
        if (string.IsNullOrWhiteSpace(Notes) || Notes.Trim().Length > 4000)
        {
            ModelState.AddModelError(nameof(Notes), "Write what the team checked and decided (up to 4000 characters).");
            await LoadAsync(ct);
            return Page();
        }
        review.CompletedAt = clock.GetUtcNow();
        review.CompletedById = User.FindFirstValue(ClaimTypes.NameIdentifier);
        review.CompletedByName = User.Identity?.Name;
        review.Notes = Notes.Trim();
        audit.Add(AuditActions.ReviewCompleted, "review", review.Quarter, review.Notes);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"The {review.Quarter} review is recorded.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoutesAsync(CancellationToken ct)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }
        var secret = SlackSecret?.Trim();
        // The same check as a lane's Slack route: no file:, no hosts inside the network.
        if (!string.IsNullOrEmpty(secret) && hosts.SlackSecretProblem(secret, SlackChannel) is { } problem)
        {
            ModelState.AddModelError(nameof(SlackSecret), problem);
            await LoadAsync(ct);
            return Page();
        }
        var settings = await db.ReviewReminderSettings.SingleOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new ReviewReminderSettings();
            db.Add(settings);
        }
        settings.EmailAdmins = EmailAdmins;
        if (RemoveSlack)
        {
            (settings.SlackSecretProtected, settings.SlackSecretHint, settings.SlackChannel) = (null, null, null);
        }
        else if (!string.IsNullOrEmpty(secret))
        {
            settings.SlackSecretProtected = secrets.Protect(secret);
            settings.SlackSecretHint = RouteSecrets.Hint(secret);
            settings.SlackChannel = string.IsNullOrWhiteSpace(SlackChannel) ? null : SlackChannel.Trim();
        }
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = User.Identity?.Name;
        audit.Add(AuditActions.ReminderRoutesChanged, "review", null, Describe(settings));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Reminder routes saved: " + Describe(settings) + ".";
        return RedirectToPage();
    }

    /// <summary>The chosen routes, never the Slack secret itself.</summary>
    public static string Describe(ReviewReminderSettings s)
    {
        var routes = new List<string>();
        if (s.EmailAdmins)
        {
            routes.Add("e-mail to every Admin");
        }
        if (s.SlackSecretHint is not null)
        {
            routes.Add(
                s.SlackChannel is { } c
                    ? $"Slack {c} via bot token {s.SlackSecretHint}"
                    : $"Slack webhook {s.SlackSecretHint}"
            );
        }
        return routes.Count == 0 ? "none" : string.Join(" and ", routes);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Quarter = Quarters.Of(now);
        Current = await db.ComplianceReviews.AsNoTracking().SingleOrDefaultAsync(r => r.Quarter == Quarter, ct);
        History = await db.ComplianceReviews.AsNoTracking().OrderByDescending(r => r.Quarter).ToListAsync(ct);
        Settings =
            await db.ReviewReminderSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new ReviewReminderSettings();
        EmailAdmins = Settings.EmailAdmins;
        SlackChannel = Settings.SlackChannel;
    }
}
