using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Queue;

/// <summary>Postings and matches written straight into the store, for queue tests.</summary>
public static class QueueSeed
{
    public static Posting Posting(
        TestApp app,
        string id,
        string title,
        decimal? budget = 1000,
        bool? verified = true,
        int minutesAgo = 10,
        PostingType type = PostingType.Fixed,
        decimal? hourly = null,
        string? description = null
    ) =>
        new()
        {
            Id = id,
            Title = title,
            Description = description ?? $"{title}. Clear scope.",
            Url = $"https://www.upwork.com/jobs/{id}",
            PublishedAt = app.Clock.GetUtcNow().AddMinutes(-minutesAgo),
            FetchedAt = app.Clock.GetUtcNow(),
            Type = type,
            FixedBudget = type == PostingType.Fixed ? budget : null,
            HourlyMax = hourly,
            Skills = ["C#"],
            TotalApplicants = 7,
            Client = new ClientFacts("Canada", verified, 12000, 9, 4.9, 8),
        };

    /// <summary>Adds postings each matched by the given lane, matched one second apart (the last newest).</summary>
    public static Task<List<long>> MatchesAsync(TestApp app, string laneId, params Posting[] postings) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var ids = new List<Match>();
            var at = app.Clock.GetUtcNow().AddMinutes(-postings.Length);
            foreach (var p in postings)
            {
                if (await db.Postings.FindAsync(p.Id) is null)
                    db.Postings.Add(p);
                var match = new Match
                {
                    PostingId = p.Id,
                    LaneId = laneId,
                    MatchedAt = at = at.AddSeconds(1),
                    MatchedKeywords = ["api"],
                };
                db.Matches.Add(match);
                ids.Add(match);
            }
            await db.SaveChangesAsync();
            return ids.Select(m => m.Id).ToList();
        });

    /// <summary>Posts one triage action the way the queue's row form does (without htmx).</summary>
    public static Task<HttpResponseMessage> ActAsync(
        this HttpClient browser,
        long matchId,
        int version,
        string action,
        params (string Name, string Value)[] more
    ) =>
        browser.SubmitToAsync(
            "/Queue",
            "/Queue?handler=Act",
            [
                ("MatchId", matchId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Action", action),
                .. more,
            ]
        );
}
