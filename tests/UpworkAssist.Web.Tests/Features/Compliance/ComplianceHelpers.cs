using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Compliance;

/// <summary>Arranges the store directly (other features create these rows through their own pages) and reads verdicts off the page.</summary>
public static partial class ComplianceHelpers
{
    [GeneratedRegex("<tr data-signal=\"([a-z-]+)\">.*?data-verdict=\"(\\w+)\"", RegexOptions.Singleline)]
    private static partial Regex SignalRow();

    public static async Task<Dictionary<string, string>> VerdictsAsync(this HttpClient browser)
    {
        var response = await browser.GetAsync("/Compliance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return SignalRow().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    public static Task RequestsAsync(this TestApp app, int count, DateTimeOffset at, RequestOutcome outcome = RequestOutcome.Ok) => app.WithDbAsync(async db =>
    {
        for (var i = 0; i < count; i++)
        {
            db.MarketplaceRequests.Add(new MarketplaceRequest { At = at, Source = FeedSource.Api, Outcome = outcome });
        }
        await db.SaveChangesAsync();
    });

    public static Task ClearAsync<T>(this TestApp app) where T : class => app.WithDbAsync(db => db.Set<T>().ExecuteDeleteAsync());

    public static Task ProposalsAsync(this TestApp app, string freelancerId, int count, DateTimeOffset sentAt, int? editDistance = 5, long? draftId = null) => app.WithDbAsync(async db =>
    {
        for (var i = 0; i < count; i++)
        {
            db.Proposals.Add(new Proposal
            {
                PostingId = $"~p{Guid.NewGuid():n}", FreelancerId = freelancerId, SentAt = sentAt, UpdatedAt = sentAt,
                EditDistance = editDistance, DraftId = draftId, FinalText = "Hello",
            });
        }
        await db.SaveChangesAsync();
    });
}

/// <summary>
/// The application without Hangfire's hourly review trigger: it fires on real time, so these tests
/// run the job themselves on the fake clock instead.
/// </summary>
public class ComplianceTestApp(Dictionary<string, string?> settings) : TestApp(settings)
{
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        host.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(QuarterlyReviewJob.Id);
        return host;
    }
}

/// <summary>A plain application per test class (xUnit fixtures need a single constructor).</summary>
public sealed class ComplianceApp() : ComplianceTestApp([]);
