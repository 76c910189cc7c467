using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Feed;

/// <summary>
/// No posting missed (issue 15): renewals, bursts larger than a page, overlapping pages, a crash
/// in the middle of a catch-up and downtime, against the fake marketplace over HTTP on the fake clock.
/// </summary>
public sealed class FeedIntegrityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Renewed_postings_on_the_first_page_do_not_end_the_poll()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(6);
        await h.PollAsync();

        // A burst bigger than a page, then a client bumps an old posting to the top.
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Publish(7, "~01burst", minuteOffset: 20);
        h.Fake.Renew("~01job002", h.App.Clock.GetUtcNow());
        var run = await h.PollAsync();

        Assert.Null(run.Error);
        Assert.Equal(7, run.New);
        Assert.Equal(13, (await h.PostingsAsync()).Count);
        var renewed = (await h.PostingsAsync()).Single(p => p.Id == "~01job002");
        Assert.NotNull(renewed.RenewedAt);
    }

    [Fact]
    public async Task A_crash_during_a_burst_with_renewals_loses_nothing_published_before_the_restart()
    {
        await using var h = await FeedHarness.StartAsync(
            new() { ["Upwork:MaxPagesPerPoll"] = "4", ["Upwork:PageSize"] = "5" }
        );
        h.Publish(20, "~01old");
        await h.PollAsync();
        Assert.Equal(20, (await h.PostingsAsync()).Count);

        // ~100 s while 60 postings are published and clients renew old ones, interleaved.
        var clock = h.App.Clock;
        for (var i = 1; i <= 60; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1.5));
            h.Fake.Publish(FakeMarketplace.Node($"~01burst{i:D3}", clock.GetUtcNow()));
            if (i % 6 == 0)
            {
                h.Fake.Renew($"~01old{i / 3:D3}", clock.GetUtcNow());
            }
        }
        h.Fake.OverlapPages = 2;

        // The process dies on its second page.
        using var crash = new CancellationTokenSource();
        var searches = 0;
        h.Fake.OnSearch = _ =>
        {
            if (++searches == 2)
            {
                crash.Cancel();
            }
        };
        var interrupted = h.App.WithScopeAsync(sp =>
            sp.GetRequiredService<FeedPoller>().PollAsync("test", crash.Token)
        );
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.DriveAsync(interrupted));
        h.Fake.OnSearch = null;
        var published = h.Fake.Ciphertexts().ToHashSet();

        // A new process over the same store, polling on its schedule while a few more arrive.
        clock.Advance(TimeSpan.FromMinutes(1));
        using var restarted = new TestApp(
            h.Fake.Settings(
                new()
                {
                    ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(h.App.DataDirectory, "store.db")}",
                    ["Storage:DataDirectory"] = h.App.DataDirectory,
                    ["Upwork:MaxPagesPerPoll"] = "4",
                    ["Upwork:PageSize"] = "5",
                }
            )
        );
        restarted.Clock.SetUtcNow(clock.GetUtcNow());
        h.Fake.Clock = restarted.Clock;
        var freshSeenDuringCatchUp = false;
        const int polls = 12;
        for (var poll = 0; poll < polls; poll++)
        {
            h.Fake.Publish(FakeMarketplace.Node($"~01after{poll}", restarted.Clock.GetUtcNow()));
            var run = await restarted.WithScopeAsync(sp =>
                sp.GetRequiredService<FeedPoller>().PollAsync("schedule", CancellationToken.None)
            );
            Assert.Null(run.Error);
            var cursor = await restarted.WithScopeAsync(sp =>
                sp.GetRequiredService<AppDbContext>().FeedCursors.AsNoTracking().SingleAsync()
            );
            var ids = await restarted.WithScopeAsync(sp =>
                sp.GetRequiredService<AppDbContext>().Postings.Select(p => p.Id).ToListAsync()
            );
            // The newest page is read first in every poll, so fresh postings never wait for the catch-up.
            Assert.Contains($"~01after{poll}", ids);
            freshSeenDuringCatchUp |= cursor.PendingAfter is not null;
            restarted.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.True(freshSeenDuringCatchUp, "the catch-up should take more than one poll in this test");

        var stored = await restarted.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Postings.Select(p => p.Id).ToListAsync()
        );
        var missed = published.Except(stored).ToList();
        output.WriteLine(
            $"postings missed: {missed.Count} of {published.Count} published before the restart; "
                + $"{h.Fake.GraphQlRequests.Count()} requests"
        );
        // The catch-up stays inside the per-minute cap (30 by default).
        var times = h.Fake.GraphQlRequests.Select(r => r.At).Order().ToList();
        for (int i = 0, j = 0; i < times.Count; i++)
        {
            while (times[i] - times[j] >= TimeSpan.FromMinutes(1))
            {
                j++;
            }
            Assert.True(i - j + 1 <= 30, $"{i - j + 1} requests within a minute");
        }
        Assert.True(
            missed.Count == 0,
            "missed: "
                + string.Join(", ", missed)
                + " requests: "
                + string.Join(" ", h.Fake.GraphQlRequests.Select(r => r.After))
        );
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Equal(80 + polls, stored.Count); // 20 old + 60 burst + one per poll since the restart
        var gaps = await restarted.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeedGaps.Where(g => g.ClosedAt == null).ToListAsync()
        );
        Assert.Empty(gaps);
    }

    [Fact]
    public async Task A_burst_past_the_result_cap_is_recorded_as_a_gap_it_cannot_close()
    {
        await using var h = await FeedHarness.StartAsync(
            new() { ["Upwork:SearchResultCap"] = "9", ["Upwork:MaxPagesPerPoll"] = "10" }
        );
        h.Publish(3);
        await h.PollAsync();
        h.Fake.ResultCap = 9;
        h.App.Clock.Advance(TimeSpan.FromMinutes(30));
        h.Publish(20, "~01flood", minuteOffset: 30);

        var run = await h.PollAsync();

        Assert.Null(run.Error);
        Assert.Equal(9, run.New);
        var gap = Assert.Single(await h.WithAsync(sp => sp.GetRequiredService<AppDbContext>().FeedGaps.ToListAsync()));
        Assert.Equal(FeedGapReason.ResultCap, gap.Reason);
        Assert.Null(gap.ClosedAt);
        // the stop line: last mark less the overlap
        Assert.Equal(h.T0.AddMinutes(3) - TimeSpan.FromMinutes(5), gap.From);
        Assert.Equal(h.T0.AddMinutes(42), gap.To); // the oldest posting the capped search still reached
    }

    [Fact]
    public async Task Downtime_longer_than_retention_is_a_gap_and_the_poll_reads_only_what_can_be_kept()
    {
        await using var h = await FeedHarness.StartAsync(
            new()
            {
                ["Upwork:ContentRetention"] = "01:00:00",
                ["Upwork:InitialLookback"] = "01:00:00",
                ["Upwork:PageSize"] = "10",
            }
        );
        var mark = h.App.Clock.GetUtcNow().AddMinutes(-1);
        h.Fake.Publish(FakeMarketplace.Node("~01first", mark));
        await h.PollAsync();

        h.App.Clock.Advance(TimeSpan.FromHours(3));
        var now = h.App.Clock.GetUtcNow();
        h.Fake.Publish(
            FakeMarketplace.Node("~01older", now.AddMinutes(-90)),
            FakeMarketplace.Node("~01kept", now.AddMinutes(-30))
        );
        var run = await h.PollAsync();

        // One page: it holds the stop line (now less the retention window), so the poll ends there.
        Assert.Equal((2, 1), (run.New, run.Requests));
        Assert.Contains(await h.PostingsAsync(), p => p.Id == "~01kept");
        var gap = Assert.Single(await h.WithAsync(sp => sp.GetRequiredService<AppDbContext>().FeedGaps.ToListAsync()));
        Assert.Equal(
            (FeedGapReason.BehindRetention, mark - TimeSpan.FromMinutes(5), now - TimeSpan.FromHours(1)),
            (gap.Reason, gap.From, gap.To)
        );
    }

    [Fact]
    public async Task Failing_polls_open_one_gap_shown_on_feed_status_and_a_successful_catch_up_closes_it()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(2);
        await h.PollAsync();
        for (var i = 0; i < 12; i++)
        {
            h.Fake.ThenStatus(503, "<html>down</html>");
        }
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var failed = await h.PollAsync();
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var failedAgain = await h.PollAsync();
        Assert.NotNull(failed.Error);
        Assert.True(failed.Errors >= 1);
        var open = Assert.Single(await h.WithAsync(sp => sp.GetRequiredService<AppDbContext>().FeedGaps.ToListAsync()));
        Assert.Equal((FeedGapReason.PollFailed, null), (open.Reason, open.ClosedAt));

        var browser = await h.App.SignedInAsync(UpworkAssist.Web.Features.Security.Roles.Admin);
        var status = await browser.GetStringAsync("/Feed/Status");
        Assert.Contains("may be incomplete", status, StringComparison.Ordinal);
        Assert.Contains("503", status, StringComparison.Ordinal);

        while (h.Fake.GraphQlRequests.Count() < 100 && failedAgain.Error is not null)
        {
            h.App.Clock.Advance(TimeSpan.FromMinutes(1));
            failedAgain = await h.PollAsync();
        }
        h.Publish(2, "~01back", minuteOffset: 10);
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var ok = await h.PollAsync();
        Assert.Null(ok.Error);
        var closed = Assert.Single(
            await h.WithAsync(sp => sp.GetRequiredService<AppDbContext>().FeedGaps.ToListAsync())
        );
        Assert.NotNull(closed.ClosedAt);
    }

    [Fact]
    public async Task A_lone_surrogate_costs_only_itself_it_is_repaired_and_the_rest_of_the_page_is_stored()
    {
        await using var h = await FeedHarness.StartAsync(new() { ["Upwork:PageSize"] = "11" });
        for (var i = 1; i <= 22; i++)
        {
            var node = FakeMarketplace.Node($"~01s{i:D3}", h.T0.AddMinutes(i));
            if (i % 11 == 0)
            {
                node["description"] = FakeMarketplace.LoneSurrogate;
            }
            if (i == 5)
            {
                node["title"] = new JsonArray(1, 2); // a wrong type: this node alone is skipped
            }
            h.Fake.Publish(node);
        }

        var run = await h.PollAsync();

        Assert.Null(run.Error);
        Assert.Equal((21, 1, 2), (run.New, run.Skipped, run.Repaired));
        var repaired = (await h.PostingsAsync()).Single(p => p.Id == "~01s011");
        Assert.Equal("\uFFFD lone", repaired.Description);
    }

    [Fact]
    public async Task Token_scope_is_stored_feed_status_warns_from_day_10_without_a_refresh_and_shows_the_organization()
    {
        await using var h = await FeedHarness.StartAsync(new() { ["Upwork:TenantId"] = "org-4711" });
        h.Fake.TokenScope = "r_jobs_read pub-submit-proposal:write:all";
        h.Publish(1);
        await h.PollAsync();
        var status = await h.WithAsync(sp =>
            sp.GetRequiredService<MarketplaceTokens>().StatusAsync(CancellationToken.None)
        );
        Assert.Equal("r_jobs_read pub-submit-proposal:write:all", status.Scope);
        Assert.Equal(["pub-submit-proposal:write:all"], status.WriteScopes);
        Assert.Null(status.DaysLeftWhenAgeing(h.App.Clock.GetUtcNow()));
        Assert.All(h.Fake.GraphQlRequests, r => Assert.Equal("org-4711", r.Tenant));

        var admin = await h.App.SignedInAsync(UpworkAssist.Web.Features.Security.Roles.Admin);
        var page = await admin.GetStringAsync("/Feed/Status");
        Assert.Contains("org-4711", page, StringComparison.Ordinal);
        Assert.DoesNotContain("token-ageing", page, StringComparison.Ordinal);

        // The server is off for eleven days: nothing refreshed the token.
        h.App.Clock.Advance(TimeSpan.FromDays(11));
        page = await (await h.App.SignedInAsync(UpworkAssist.Web.Features.Security.Roles.Admin)).GetStringAsync(
            "/Feed/Status"
        );
        Assert.Contains("data-testid=\"token-ageing\"", page, StringComparison.Ordinal);
        Assert.Contains("about 3 days are left", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_posting_facts_beside_the_job_are_stored()
    {
        await using var h = await FeedHarness.StartAsync();
        var node = FakeMarketplace.Node("~01facts", h.T0);
        node["freelancersToHire"] = 0;
        node["enterprise"] = true;
        node["applied"] = true;
        node["client"]!["memberSinceDateTime"] = "2019-03-04T00:00:00Z";
        node["client"]!["hasFinancialPrivacy"] = true;
        h.Fake.Publish(node);

        await h.PollAsync();

        var p = Assert.Single(await h.PostingsAsync());
        Assert.Equal(
            (0, true, true, true),
            (p.FreelancersToHire, p.Enterprise, p.Applied, p.ClientHasFinancialPrivacy)
        );
        Assert.Equal(new DateTimeOffset(2019, 3, 4, 0, 0, 0, TimeSpan.Zero), p.ClientMemberSince);
        Assert.Null(p.RenewedAt);
    }
}
