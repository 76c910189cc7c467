using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Features.Feed;

namespace UpworkAssist.Web.Tests.Features.Compliance;

/// <summary>
/// The real marketplace client writes the request log the signals read: every request, its outcome, the day's counters,
/// pruning.
/// </summary>
public sealed class RequestLogTests
{
    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Every_request_to_the_marketplace_is_logged_with_its_outcome_and_counted_for_the_day(
        string provider
    )
    {
        await using var h = await FeedHarness.StartAsync(provider: provider);
        h.Publish(2);
        h.Fake.ThenStatus(429, "{}", "application/json", ("Retry-After", "5"));
        h.Fake.ThenStatus(502, "<html>bad gateway</html>");

        var run = await h.PollAsync();
        Assert.Null(run.Error);

        var (rows, day) = await h.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (
                await db.MarketplaceRequests.AsNoTracking().OrderBy(r => r.Id).ToListAsync(),
                await db.MarketplaceRequestDays.AsNoTracking().SingleAsync()
            );
        });
        Assert.Equal(
            [RequestOutcome.RateLimited, RequestOutcome.Error, RequestOutcome.Ok],
            rows.Select(r => r.Outcome)
        );
        Assert.All(rows, r => Assert.Equal(FeedSource.Api, r.Source));
        Assert.StartsWith("ServerError: HTTP 502", rows[1].Detail, StringComparison.Ordinal);
        Assert.Equal((3, 1, 1), (day.Requests, day.RateLimited, day.Errors));
        Assert.Equal(h.Fake.GraphQlRequests.Count(), rows.Count);

        // Eight days on, the rows go and the day's counters stay for exports.
        h.App.Clock.Advance(TimeSpan.FromDays(8) + TimeSpan.FromMinutes(5));
        var pruned = await h.WithAsync(sp => sp.GetRequiredService<RequestLogPrune>().RunAsync(CancellationToken.None));
        Assert.Equal(3, pruned);
        Assert.Equal(
            1,
            await h.WithAsync(sp => sp.GetRequiredService<AppDbContext>().MarketplaceRequestDays.CountAsync())
        );
    }

    [Fact]
    public async Task The_demo_feed_logs_its_requests_too()
    {
        using var app = new ComplianceApp();
        await app.WithScopeAsync(sp => sp.GetRequiredService<FeedPoller>().PollAsync("test", CancellationToken.None));
        var rows = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().MarketplaceRequests.AsNoTracking().ToListAsync()
        );
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal((FeedSource.Demo, RequestOutcome.Ok), (r.Source, r.Outcome)));
    }
}
