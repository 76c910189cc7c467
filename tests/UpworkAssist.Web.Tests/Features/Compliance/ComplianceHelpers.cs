using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Compliance;

/// <summary>
/// Arranges the store directly (other features create these rows through their own pages) and reads verdicts off the
/// page.
/// </summary>
public static partial class ComplianceHelpers
{
    [GeneratedRegex("<tr data-signal=\"([a-z-]+)\">.*?data-verdict=\"(\\w+)\"", RegexOptions.Singleline)]
    private static partial Regex SignalRow();

    [GeneratedRegex(
        "<tr data-signal=\"([a-z-]+)\">.*?data-verdict=\"(\\w+)\"[^<]*</span>\\s*</td>\\s*<td>(.*?)</td>",
        RegexOptions.Singleline
    )]
    private static partial Regex MeasuredRow();

    /// <summary>Each signal's verdict and what it measured, as the page shows them.</summary>
    public static async Task<Dictionary<string, (string Verdict, string Measured)>> SignalsAsync(
        this HttpClient browser
    )
    {
        var html = await browser.GetStringAsync("/Compliance");
        return MeasuredRow()
            .Matches(html)
            .ToDictionary(
                m => m.Groups[1].Value,
                m => (m.Groups[2].Value, WebUtility.HtmlDecode(m.Groups[3].Value).Trim())
            );
    }

    public static async Task<Dictionary<string, string>> VerdictsAsync(this HttpClient browser)
    {
        var response = await browser.GetAsync("/Compliance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return SignalRow().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    public static Task RequestsAsync(
        this TestApp app,
        int count,
        DateTimeOffset at,
        RequestOutcome outcome = RequestOutcome.Ok
    ) =>
        app.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                db.MarketplaceRequests.Add(
                    new MarketplaceRequest
                    {
                        At = at,
                        Source = FeedSource.Api,
                        Outcome = outcome,
                    }
                );
            }
            await db.SaveChangesAsync();
        });

    public static Task ClearAsync<T>(this TestApp app)
        where T : class => app.WithDbAsync(db => db.Set<T>().ExecuteDeleteAsync());

    public static Task ProposalsAsync(
        this TestApp app,
        string freelancerId,
        int count,
        DateTimeOffset sentAt,
        int? editDistance = 5,
        long? draftId = null
    ) =>
        app.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                db.Proposals.Add(
                    new Proposal
                    {
                        PostingId = $"~p{Guid.NewGuid():n}",
                        FreelancerId = freelancerId,
                        SentAt = sentAt,
                        UpdatedAt = sentAt,
                        EditDistance = editDistance,
                        DraftId = draftId,
                        FinalText = "Hello",
                    }
                );
            }
            await db.SaveChangesAsync();
        });
}

/// <summary>
/// The application without Hangfire's review and feed-watch triggers: they fire on real time, so
/// these tests run the jobs themselves on the fake clock instead.
/// </summary>
public class ComplianceTestApp(Dictionary<string, string?> settings) : TestApp(settings)
{
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        WithoutRealTimeJobs(host.Services);
        return host;
    }

    public static void WithoutRealTimeJobs(IServiceProvider services)
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        recurring.RemoveIfExists(QuarterlyReviewJob.Id);
        recurring.RemoveIfExists(FeedWatchJob.Id);
    }
}

/// <summary>A plain application per test class (xUnit fixtures need a single constructor).</summary>
public sealed class ComplianceApp() : ComplianceTestApp([]);
