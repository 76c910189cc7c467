using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The caching rule (UPWORK_API.md "Terms"): marketplace content lives at most
/// `Upwork:ContentRetention` (≤ 24 h) from when it was fetched. Postings nobody acted on are
/// deleted; postings a person acted on keep only their id, link, type and publish time, beside the
/// team's own records (drafts, proposals). The job runs every minute and purges what would
/// otherwise outlive the window before its next run.
/// </summary>
public sealed class RetentionPurge(
    AppDbContext db,
    IOptionsMonitor<UpworkOptions> options,
    TimeProvider clock,
    ILogger<RetentionPurge> logger
)
{
    public const string Id = "feed-retention";
    public static readonly TimeSpan RunEvery = TimeSpan.FromMinutes(1);

    public sealed record Result(int Deleted, int Stripped);

    public async Task<Result> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - options.CurrentValue.ContentRetention + RunEvery;
        var deleted = await db.Postings.Where(p => p.FetchedAt <= cutoff && p.ActedOnAt == null).ExecuteDeleteAsync(ct);
        // One text for both providers; the empty skills list is a parameter in the provider's representation.
        var noSkills = StoreDialect.Of(db).List([]);
        var stripped = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE "Postings" SET "Title" = '', "Description" = '', "MarketplaceId" = NULL, "FixedBudget" = NULL,
              "HourlyMin" = NULL, "HourlyMax" = NULL, "ExperienceLevel" = NULL, "Skills" = {noSkills},
              "Category" = NULL, "TotalApplicants" = NULL, "ClientCountry" = NULL, "ClientPaymentVerified" = NULL,
              "ClientTotalSpent" = NULL,
              "ClientTotalHires" = NULL, "ClientRating" = NULL, "ClientReviewsCount" = NULL,
              "ContentPurgedAt" = {now.UtcTicks}, "UpdatedAt" = {now.UtcTicks}
            WHERE "FetchedAt" <= {cutoff.UtcTicks} AND "ActedOnAt" IS NOT NULL AND "ContentPurgedAt" IS NULL
            """,
            ct
        );
        if (deleted + stripped > 0)
        {
            logger.LogInformation(
                "Retention: deleted {Deleted} postings nobody acted on, reduced {Stripped} acted-on postings to id "
                    + "and link",
                deleted,
                stripped
            );
        }
        return new Result(deleted, stripped);
    }
}
