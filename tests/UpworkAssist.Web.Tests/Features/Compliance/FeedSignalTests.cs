using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Tests.Features.Compliance;

/// <summary>API mode, never polling: the feed's rows are arranged directly and read off the page.</summary>
public sealed class FeedSignalApp()
    : ComplianceTestApp(
        new Dictionary<string, string?>
        {
            ["Upwork:Mode"] = "Api",
            ["Upwork:ClientId"] = "client-id",
            ["Upwork:ClientSecret"] = "client-secret-value",
        }
    );

/// <summary>
/// The feed-integrity signals (issue 15): gaps, refresh-token age, scopes, skipped and repaired nodes, the
/// organization.
/// </summary>
public sealed class FeedSignalTests(FeedSignalApp app) : IClassFixture<FeedSignalApp>
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private HttpClient? _browser;

    private async Task<(string Verdict, string Measured)> SignalAsync(string key) =>
        (await (_browser ??= await app.SignedInAsync("Manager")).SignalsAsync())[key];

    private Task GapAsync(
        FeedGapReason reason,
        DateTimeOffset from,
        DateTimeOffset to,
        DateTimeOffset recordedAt,
        DateTimeOffset? closedAt = null
    ) =>
        app.WithDbAsync(async db =>
        {
            db.FeedGaps.Add(
                new FeedGap
                {
                    SearchKey = "all",
                    Reason = reason,
                    From = from,
                    To = to,
                    RecordedAt = recordedAt,
                    ClosedAt = closedAt,
                    Detail = "HTTP 503",
                }
            );
            await db.SaveChangesAsync();
        });

    private Task ConnectionAsync(DateTimeOffset connectedAt, DateTimeOffset? lastRefreshAt, string? scope = null) =>
        app.WithDbAsync(async db =>
        {
            await db.MarketplaceConnections.ExecuteDeleteAsync();
            db.MarketplaceConnections.Add(
                new MarketplaceConnection
                {
                    ProtectedRefreshToken = "protected",
                    ProtectedAccessToken = "protected",
                    AccessTokenExpiresAt = Now.AddHours(1),
                    Origin = "browser",
                    ConnectedBy = "olive",
                    ConnectedAt = connectedAt,
                    LastRefreshAt = lastRefreshAt,
                    Scope = scope,
                }
            );
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Feed_completeness_is_red_while_a_gap_of_the_last_14_days_may_be_incomplete_and_lists_it()
    {
        await app.ClearAsync<FeedGap>();
        Assert.Equal(("Green", "no gaps in the last 14 days"), await SignalAsync("feed-gaps"));

        var from = new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero);
        await GapAsync(FeedGapReason.PollFailed, from, from.AddMinutes(42), from);
        var (verdict, measured) = await SignalAsync("feed-gaps");
        Assert.Equal("Red", verdict);
        Assert.Equal(
            "from 2026-11-28 07:00 UTC to 2026-11-28 07:42 UTC the feed may be incomplete (polls are failing; the "
                + "window is read again once a poll succeeds)",
            measured
        );

        await app.WithDbAsync(db => db.FeedGaps.ExecuteUpdateAsync(s => s.SetProperty(g => g.ClosedAt, Now)));
        Assert.Equal(("Green", "no open gaps; 1 read again by a later poll"), await SignalAsync("feed-gaps"));

        // A result-cap gap never closes: red for 14 days after it was recorded, then history.
        await GapAsync(FeedGapReason.ResultCap, Now.AddDays(-13).AddHours(-1), Now.AddDays(-13), Now.AddDays(-13));
        (verdict, measured) = await SignalAsync("feed-gaps");
        Assert.Equal("Red", verdict);
        Assert.Contains("the search stopped at its result cap", measured, StringComparison.Ordinal);
        await app.WithDbAsync(db =>
            db.FeedGaps.ExecuteUpdateAsync(s => s.SetProperty(g => g.RecordedAt, Now.AddDays(-15)))
        );
        Assert.Equal("Green", (await SignalAsync("feed-gaps")).Verdict);

        for (var i = 0; i < 5; i++)
        {
            await GapAsync(FeedGapReason.BehindRetention, Now.AddHours(-i - 1), Now.AddHours(-i), Now);
        }
        Assert.EndsWith(
            "; and 2 more on Feed status",
            (await SignalAsync("feed-gaps")).Measured,
            StringComparison.Ordinal
        );
        await app.ClearAsync<FeedGap>();
    }

    [Fact]
    public async Task Refresh_token_age_is_amber_from_day_10_without_refresh_red_from_day_14_and_green_after_a_refresh()
    {
        await ConnectionAsync(Now.AddDays(-9.9), null);
        Assert.Equal("Green", (await SignalAsync("token-age")).Verdict);

        await ConnectionAsync(Now.AddDays(-10), null);
        var (verdict, measured) = await SignalAsync("token-age");
        Assert.Equal("Amber", verdict);
        Assert.EndsWith("(10 days ago, at connecting); about 4 days left", measured, StringComparison.Ordinal);

        await ConnectionAsync(Now.AddDays(-20), Now.AddDays(-13.5));
        Assert.Equal("Amber", (await SignalAsync("token-age")).Verdict); // the last refresh counts, not the connection

        await ConnectionAsync(Now.AddDays(-20), Now.AddDays(-14));
        (verdict, measured) = await SignalAsync("token-age");
        Assert.Equal("Red", verdict);
        Assert.EndsWith("(14 days ago, at the last refresh); expired", measured, StringComparison.Ordinal);

        await ConnectionAsync(Now.AddDays(-20), Now.AddHours(-1));
        Assert.Equal("Green", (await SignalAsync("token-age")).Verdict);
        await app.ClearAsync<MarketplaceConnection>();
        Assert.Equal(("Green", "no refresh token held"), await SignalAsync("token-age"));
    }

    [Fact]
    public async Task The_stored_scope_is_shown_and_any_write_scope_is_red()
    {
        await ConnectionAsync(Now, Now);
        Assert.Equal(("Green", "no scope reported"), await SignalAsync("scopes"));

        await ConnectionAsync(Now, Now, "r_marketplace_job_postings pub-user-profile:read");
        Assert.Equal(("Green", "r_marketplace_job_postings pub-user-profile:read"), await SignalAsync("scopes"));

        await ConnectionAsync(Now, Now, "r_marketplace_job_postings pub-submit-proposal:write:all");
        Assert.Equal(("Red", "r_marketplace_job_postings pub-submit-proposal:write:all"), await SignalAsync("scopes"));
        var html = await _browser!.GetStringAsync("/Compliance");
        Assert.Contains(
            "The grant can write to the marketplace (pub-submit-proposal:write:all)",
            html,
            StringComparison.Ordinal
        );
        await app.ClearAsync<MarketplaceConnection>();
    }

    [Fact]
    public async Task Skipped_nodes_of_the_last_24_hours_are_amber_and_repairs_are_counted_but_green()
    {
        await app.ClearAsync<PollRun>();
        Assert.Equal(("Green", "0 skipped, 0 repaired in the last 24 hours"), await SignalAsync("nodes"));
        await app.WithDbAsync(async db =>
        {
            db.PollRuns.Add(
                new PollRun
                {
                    StartedAt = Now.AddHours(-2),
                    FinishedAt = Now.AddHours(-2),
                    Repaired = 3,
                }
            );
            db.PollRuns.Add(
                new PollRun
                {
                    StartedAt = Now.AddHours(-25),
                    FinishedAt = Now.AddHours(-25),
                    Skipped = 9,
                }
            );
            await db.SaveChangesAsync();
        });
        Assert.Equal(("Green", "0 skipped, 3 repaired in the last 24 hours"), await SignalAsync("nodes"));
        await app.WithDbAsync(async db =>
        {
            db.PollRuns.Add(
                new PollRun
                {
                    StartedAt = Now.AddHours(-1),
                    FinishedAt = Now.AddHours(-1),
                    Skipped = 2,
                    Repaired = 1,
                }
            );
            await db.SaveChangesAsync();
        });
        Assert.Equal(("Amber", "2 skipped, 4 repaired in the last 24 hours"), await SignalAsync("nodes"));
        await app.ClearAsync<PollRun>();
    }

    [Fact]
    public async Task The_page_says_which_organization_is_in_use()
    {
        _browser ??= await app.SignedInAsync("Manager");
        Assert.Contains(
            "account default (Upwork:TenantId is not set)",
            await _browser.GetStringAsync("/Compliance"),
            StringComparison.Ordinal
        );

        using var tenant = new ComplianceTestApp(
            new Dictionary<string, string?>
            {
                ["Upwork:Mode"] = "Api",
                ["Upwork:ClientId"] = "client-id",
                ["Upwork:ClientSecret"] = "client-secret-value",
                ["Upwork:TenantId"] = "424242",
            }
        );
        var browser = await tenant.SignedInAsync("Manager");
        Assert.Contains(
            "424242 (Upwork:TenantId)",
            await browser.GetStringAsync("/Compliance"),
            StringComparison.Ordinal
        );
    }
}
