using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Compliance;

public sealed class ComplianceSignalApp()
    : ComplianceTestApp(
        new Dictionary<string, string?>
        {
            ["Upwork:MaxRequestsPerMinute"] = "10",
            ["Upwork:MaxRequestsPerDay"] = "100",
            ["Drafts:DailyProposalCap"] = "10",
        }
    );

/// <summary>
/// Every signal's thresholds, measured through the page on the fake clock. Each test arranges its own rows.
/// </summary>
public sealed class ComplianceSignalTests(ComplianceSignalApp app) : IClassFixture<ComplianceSignalApp>
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private async Task<string> VerdictAsync(string key) => (await (await BrowserAsync()).VerdictsAsync())[key];

    private HttpClient? _browser;

    private async Task<HttpClient> BrowserAsync() => _browser ??= await app.SignedInAsync("Manager");

    [Fact]
    public async Task Requests_this_minute_are_green_below_80_percent_amber_from_80_percent_and_red_at_the_cap()
    {
        await app.ClearAsync<MarketplaceRequest>();
        await app.RequestsAsync(50, Now.AddSeconds(-61)); // outside the minute, inside the day
        await app.RequestsAsync(7, Now.AddSeconds(-30));
        Assert.Equal("Green", await VerdictAsync("requests-minute"));
        await app.RequestsAsync(1, Now.AddSeconds(-5));
        Assert.Equal("Amber", await VerdictAsync("requests-minute"));
        await app.RequestsAsync(2, Now);
        Assert.Equal("Red", await VerdictAsync("requests-minute"));
        app.Clock.Advance(TimeSpan.FromSeconds(31)); // the 7 leave the window
        Assert.Equal("Green", await VerdictAsync("requests-minute"));
    }

    [Fact]
    public async Task Requests_today_count_the_last_24_hours_against_the_day_cap()
    {
        await app.ClearAsync<MarketplaceRequest>();
        await app.RequestsAsync(500, Now.AddHours(-24).AddSeconds(-1)); // yesterday: not counted
        await app.RequestsAsync(79, Now.AddHours(-23));
        Assert.Equal("Green", await VerdictAsync("requests-day"));
        await app.RequestsAsync(1, Now.AddHours(-1));
        Assert.Equal("Amber", await VerdictAsync("requests-day"));
        await app.RequestsAsync(20, Now.AddHours(-1));
        Assert.Equal("Red", await VerdictAsync("requests-day"));
    }

    [Fact]
    public async Task Rate_limit_answers_are_amber_for_any_in_a_week_and_red_for_3_in_a_day_or_10_in_a_week()
    {
        await app.ClearAsync<MarketplaceRequest>();
        Assert.Equal("Green", await VerdictAsync("rate-limited"));
        await app.RequestsAsync(1, Now.AddDays(-6), RequestOutcome.RateLimited);
        Assert.Equal("Amber", await VerdictAsync("rate-limited"));
        await app.RequestsAsync(2, Now.AddHours(-2), RequestOutcome.RateLimited);
        Assert.Equal("Amber", await VerdictAsync("rate-limited")); // 2 in the day, 3 in the week
        await app.RequestsAsync(1, Now.AddMinutes(-1), RequestOutcome.RateLimited);
        Assert.Equal("Red", await VerdictAsync("rate-limited")); // 3 in the day

        await app.ClearAsync<MarketplaceRequest>();
        for (var day = 1; day <= 5; day++)
        {
            await app.RequestsAsync(2, Now.AddDays(-day), RequestOutcome.RateLimited); // 2 a day: never 3 in one day
        }
        Assert.Equal("Red", await VerdictAsync("rate-limited")); // 10 in the week
    }

    [Fact]
    public async Task Other_errors_are_judged_as_a_share_of_the_days_requests()
    {
        await app.ClearAsync<MarketplaceRequest>();
        await app.RequestsAsync(99, Now.AddHours(-3));
        await app.RequestsAsync(1, Now.AddHours(-3), RequestOutcome.Error); // 1 %
        await app.RequestsAsync(30, Now.AddDays(-3), RequestOutcome.Error); // last week only: shown, not judged
        Assert.Equal("Green", await VerdictAsync("errors"));
        await app.ClearAsync<MarketplaceRequest>();
        await app.RequestsAsync(98, Now.AddHours(-3));
        await app.RequestsAsync(2, Now.AddHours(-3), RequestOutcome.Error); // 2 %
        Assert.Equal("Amber", await VerdictAsync("errors"));
        await app.RequestsAsync(10, Now.AddHours(-3), RequestOutcome.Error); // 12 of 110
        Assert.Equal("Red", await VerdictAsync("errors"));
    }

    [Fact]
    public async Task Pace_judges_the_busiest_person_against_the_daily_cap()
    {
        await app.ClearAsync<Proposal>();
        var ann = (await app.CreateUserAsync($"ann-{Guid.NewGuid():n}@example.test", "Freelancer")).Id;
        var bob = (await app.CreateUserAsync($"bob-{Guid.NewGuid():n}@example.test", "Freelancer")).Id;
        await app.ProposalsAsync(ann, 30, Now.AddHours(-25)); // yesterday
        await app.ProposalsAsync(ann, 7, Now.AddHours(-2));
        await app.ProposalsAsync(bob, 3, Now.AddHours(-2));
        Assert.Equal("Green", await VerdictAsync("pace"));
        await app.ProposalsAsync(ann, 1, Now); // 8 of 10 = 80 %
        Assert.Equal("Amber", await VerdictAsync("pace"));
        await app.ProposalsAsync(ann, 2, Now); // 10: at the cap, still a human pace
        Assert.Equal("Amber", await VerdictAsync("pace"));
        await app.ProposalsAsync(ann, 1, Now); // 11: more than a person should write
        Assert.Equal("Red", await VerdictAsync("pace"));
        var html = await (await BrowserAsync()).GetStringAsync("/Compliance");
        Assert.Contains("11 of 10 in the last 24 hours", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drafts_sent_without_edits_count_edit_distance_zero_and_drafts_still_as_generated()
    {
        await app.ClearAsync<Proposal>();
        var ann = (await app.CreateUserAsync($"ann-{Guid.NewGuid():n}@example.test", "Freelancer")).Id;
        await app.ProposalsAsync(ann, 9, Now.AddDays(-2), editDistance: 40);
        await app.ProposalsAsync(ann, 1, Now.AddDays(-2), editDistance: 0); // 10 %
        await app.ProposalsAsync(ann, 20, Now.AddDays(-8), editDistance: 0); // older than the week
        Assert.Equal("Green", await VerdictAsync("unedited"));

        long untouched = 0,
            edited = 0;
        await app.WithDbAsync(async db =>
        {
            var a = new Draft
            {
                PostingId = "~d1",
                FreelancerId = ann,
                GeneratedText = "Hi, I build APIs.",
                Text = "Hi, I build APIs.",
                Status = DraftStatus.Sent,
            };
            var b = new Draft
            {
                PostingId = "~d2",
                FreelancerId = ann,
                GeneratedText = "Hi, I build APIs.",
                Text = "Hi! Your Stripe webhook issue…",
                Status = DraftStatus.Sent,
            };
            db.Drafts.AddRange(a, b);
            await db.SaveChangesAsync();
            (untouched, edited) = (a.Id, b.Id);
        });
        await app.ProposalsAsync(ann, 1, Now.AddDays(-1), editDistance: null, draftId: edited); // 1 of 11
        await app.ProposalsAsync(ann, 1, Now.AddDays(-1), editDistance: null, draftId: untouched); // 2 of 12 = 16.7 %
        Assert.Equal("Green", await VerdictAsync("unedited"));
        await app.ProposalsAsync(ann, 1, Now.AddDays(-1), editDistance: null, draftId: untouched); // 3 of 13 = 23 %
        Assert.Equal("Amber", await VerdictAsync("unedited"));
        await app.ProposalsAsync(ann, 10, Now.AddHours(-1), editDistance: 0); // 13 of 23 = 56.5 %
        Assert.Equal("Red", await VerdictAsync("unedited"));
    }

    [Fact]
    public async Task Alerts_are_amber_when_some_fail_and_red_when_half_or_more_fail()
    {
        await app.ClearAsync<Alert>();
        var matchId = await MatchAsync();
        await AlertsAsync(matchId, AlertStatus.Delivered, 3);
        await AlertsAsync(matchId, AlertStatus.Pending, 5); // not finished: not judged
        Assert.Equal("Green", await VerdictAsync("alerts"));
        await AlertsAsync(matchId, AlertStatus.Failed, 1);
        Assert.Equal("Amber", await VerdictAsync("alerts"));
        await AlertsAsync(matchId, AlertStatus.Paused, 2); // 3 of 6 finished
        Assert.Equal("Red", await VerdictAsync("alerts"));
    }

    [Fact]
    public async Task Risky_tools_are_red_while_kept_amber_while_being_replaced_and_green_once_disabled()
    {
        await app.ClearAsync<AutomationTool>();
        await app.WithDbAsync(db => BuiltInTool.SeedAsync(db, app.Clock, CancellationToken.None));
        Assert.Equal("Green", await VerdictAsync("risky-tools"));
        Assert.Equal("Green", await VerdictAsync("inventory")); // UpworkAssist has an owner and a decision

        await app.WithDbAsync(async db =>
        {
            db.AutomationTools.Add(
                new AutomationTool
                {
                    Name = "AutoBidder",
                    LogsInAsYou = true,
                    AutoSubmits = true,
                    Decision = ToolDecision.Keep,
                    Owner = "Sam",
                }
            );
            await db.SaveChangesAsync();
        });
        Assert.Equal("Red", await VerdictAsync("risky-tools"));
        Assert.Contains(
            "needs your login: AutoBidder",
            await (await BrowserAsync()).GetStringAsync("/Compliance"),
            StringComparison.Ordinal
        );
        await SetDecisionAsync("AutoBidder", ToolDecision.Replace);
        Assert.Equal("Amber", await VerdictAsync("risky-tools"));
        await SetDecisionAsync("AutoBidder", ToolDecision.Disable);
        Assert.Equal("Green", await VerdictAsync("risky-tools"));

        await app.WithDbAsync(async db =>
        {
            db.AutomationTools.Add(new AutomationTool { Name = "Sheet macro", Decision = ToolDecision.Keep });
            await db.SaveChangesAsync();
        });
        Assert.Equal("Amber", await VerdictAsync("inventory")); // nobody owns it
    }

    [Fact]
    public async Task The_quarterly_review_is_amber_while_open_red_after_the_grace_and_green_when_done()
    {
        await app.ClearAsync<ComplianceReview>();
        Assert.Equal("Amber", await VerdictAsync("review"));
        await app.WithDbAsync(async db =>
        {
            db.ComplianceReviews.Add(
                new ComplianceReview
                {
                    Quarter = Quarters.Of(Now),
                    DueAt = Quarters.StartOf(Now),
                    OpenedAt = Now.AddDays(-13),
                }
            );
            await db.SaveChangesAsync();
        });
        Assert.Equal("Amber", await VerdictAsync("review"));
        await app.WithDbAsync(db =>
            db.ComplianceReviews.ExecuteUpdateAsync(s => s.SetProperty(r => r.OpenedAt, Now.AddDays(-14)))
        );
        Assert.Equal("Red", await VerdictAsync("review"));
        await app.WithDbAsync(db =>
            db.ComplianceReviews.ExecuteUpdateAsync(s =>
                s.SetProperty(r => r.CompletedAt, Now).SetProperty(r => r.CompletedByName, "admin")
            )
        );
        Assert.Equal("Green", await VerdictAsync("review"));
    }

    [Fact]
    public async Task The_demo_feed_is_a_green_connection_and_every_warning_sign_is_mapped_to_a_signal()
    {
        Assert.Equal("Green", await VerdictAsync("connection"));
        var verdicts = await (await BrowserAsync()).VerdictsAsync();
        Assert.All(
            ComplianceState.WarningSigns.SelectMany(w => w.SignalKeys),
            k => Assert.True(verdicts.ContainsKey(k), k)
        );
        Assert.Equal(4, ComplianceState.WarningSigns.Count);
    }

    private Task SetDecisionAsync(string name, ToolDecision decision) =>
        app.WithDbAsync(db =>
            db.AutomationTools.Where(t => t.Name == name)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Decision, decision))
        );

    private async Task<long> MatchAsync()
    {
        long id = 0;
        await app.WithDbAsync(async db =>
        {
            var posting = new Posting
            {
                Id = $"~m{Guid.NewGuid():n}",
                Title = "Job",
                PublishedAt = Now,
                FetchedAt = Now,
                UpdatedAt = Now,
            };
            db.Postings.Add(posting);
            var match = new Match
            {
                PostingId = posting.Id,
                LaneId = "dotnet",
                MatchedAt = Now,
            };
            db.Matches.Add(match);
            await db.SaveChangesAsync();
            id = match.Id;
        });
        return id;
    }

    private Task AlertsAsync(long matchId, AlertStatus status, int count) =>
        app.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                db.Alerts.Add(
                    new Alert
                    {
                        MatchId = matchId,
                        Channel = AlertChannel.Email,
                        Target = $"mailto:{Guid.NewGuid():n}@example.test",
                        Status = status,
                        CreatedAt = Now.AddHours(-1),
                        DueAt = Now.AddHours(-1),
                        DeliveredAt = status == AlertStatus.Delivered ? Now.AddMinutes(-30) : null,
                    }
                );
            }
            await db.SaveChangesAsync();
        });
}
