using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
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

/// <summary>A plain application per test class (xUnit fixtures need a single constructor).</summary>
public sealed class ComplianceApp : TestApp
{
}
