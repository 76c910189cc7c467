using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// Runs every hour: opens the review of the current calendar quarter if it has none, and reminds the
/// Admins of an open review when it opens and again every <see cref="ComplianceOptions.ReviewReminderInterval"/>.
/// A reminder that reached nobody is tried again at the next run.
/// </summary>
public sealed class QuarterlyReviewJob(
    AppDbContext db,
    ReviewReminder reminder,
    AuditLog audit,
    IOptionsMonitor<ComplianceOptions> options,
    TimeProvider clock,
    ILogger<QuarterlyReviewJob> logger
)
{
    public const string Id = "compliance-quarterly-review";

    public async Task<ComplianceReview> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var review = await OpenAsync(now, AuditLog.System, ct);
        if (
            review.CompletedAt is not null
            || (review.LastRemindedAt is { } last && now - last < options.CurrentValue.ReviewReminderInterval)
        )
        {
            return review;
        }
        var result = await reminder.SendAsync(review, ct);
        review.LastReminder = result.Summary is { Length: > 1000 } s ? s[..1000] : result.Summary;
        if (result.Delivered > 0)
        {
            review.LastRemindedAt = now;
        }
        audit.Add(AuditActions.ReviewReminded, "review", review.Quarter, review.LastReminder);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Quarterly review {Quarter}: reminder {Summary}", review.Quarter, result.Summary);
        return review;
    }

    /// <summary>
    /// The current quarter's review, opened now if it is not there yet (by the job or by an Admin's "start now").
    /// </summary>
    public async Task<ComplianceReview> OpenAsync(DateTimeOffset now, string openedBy, CancellationToken ct)
    {
        var quarter = Quarters.Of(now);
        var review = await db.ComplianceReviews.SingleOrDefaultAsync(r => r.Quarter == quarter, ct);
        if (review is not null)
        {
            return review;
        }
        review = new ComplianceReview
        {
            Quarter = quarter,
            DueAt = Quarters.StartOf(now),
            OpenedAt = now,
            OpenedBy = openedBy,
        };
        db.ComplianceReviews.Add(review);
        audit.Add(AuditActions.ReviewOpened, "review", quarter, $"opened by {openedBy}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another run opened it at the same moment: use that one.
            db.ChangeTracker.Clear();
            review = await db.ComplianceReviews.SingleAsync(r => r.Quarter == quarter, ct);
        }
        return review;
    }
}
