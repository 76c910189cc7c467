using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Feed;

/// <summary>
/// The demo feed, retention, the JSON API, the status page and the Connect flow in the running application.
/// </summary>
public sealed class FeedAppTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<PollRun> PollAsync() =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<FeedPoller>().PollAsync("test", CancellationToken.None));

    [Fact]
    public async Task With_no_credentials_the_demo_feed_fills_the_store_through_the_same_path_and_is_marked_as_demo()
    {
        var run = await PollAsync();
        Assert.Equal("Demo", run.Mode);
        Assert.True(run.New > 50, $"{run.New} new");
        var postings = await _app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Postings.AsNoTracking().ToListAsync()
        );
        Assert.All(postings, p => Assert.Equal(FeedSource.Demo, p.Source));
        Assert.True(postings.Select(p => p.Category).Distinct().Count() > 5);

        // A minute later the demo marketplace has published more, and the poll stops at what it knows.
        _app.Clock.Advance(TimeSpan.FromMinutes(3));
        var next = await PollAsync();
        Assert.Equal(1, next.Requests);
        Assert.Equal(0, next.Updated);

        var lead = await _app.SignedInAsync(Roles.Lead);
        var page = await lead.GetStringAsync("/Feed/Status");
        Assert.Contains("data-testid=\"demo-banner\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">Poll now</button>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_now_is_for_Admins_and_still_goes_through_the_loop_and_the_governor()
    {
        var lead = await _app.SignedInAsync(Roles.Lead);
        var forbidden = await lead.SubmitToAsync("/Feed/Status", "/Feed/Status?handler=PollNow");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var admin = await _app.SignedInAsync(Roles.Admin);
        var response = await admin.SubmitToAsync("/Feed/Status", "/Feed/Status?handler=PollNow");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var runs = 0;
        for (var i = 0; i < 400 && runs == 0; i++)
        {
            await Task.Delay(10);
            runs = await _app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PollRuns.CountAsync());
        }
        Assert.Equal(1, runs);
        Assert.True(_app.Services.GetRequiredService<RateGovernor>().Current().Today >= 1);
        Assert.Contains("Poll now", await admin.GetStringAsync("/Feed/Status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_deletes_content_nobody_acted_on_and_reduces_acted_on_postings_to_id_and_link()
    {
        await PollAsync();
        string acted = "";
        await _app.WithDbAsync(async db =>
        {
            var p = await db.Postings.OrderBy(x => x.Id).FirstAsync();
            p.ActedOnAt = _app.Clock.GetUtcNow();
            acted = p.Id;
            await db.SaveChangesAsync();
        });
        var purge = () =>
            _app.WithScopeAsync(sp => sp.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None));
        _app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(new RetentionPurge.Result(0, 0), await purge());

        _app.Clock.Advance(TimeSpan.FromMinutes(59)); // the next run would be past 24 h
        var result = await purge();
        Assert.Equal(1, result.Stripped);
        Assert.True(result.Deleted > 50);
        var left = await _app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Postings.AsNoTracking().ToListAsync()
        );
        var kept = Assert.Single(left);
        Assert.Equal((acted, "", "", null), (kept.Id, kept.Title, kept.Description, kept.Client.Country));
        Assert.Equal("https://www.upwork.com/jobs/" + acted, kept.Url);
        Assert.NotNull(kept.ContentPurgedAt);
    }

    [Fact]
    public async Task The_postings_API_pages_newest_first_with_jobs_in_the_rules_schema()
    {
        await PollAsync();
        var total = await _app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Postings.CountAsync());
        var browser = await _app.SignedInAsync(Roles.Manager);
        var seen = new List<string>();
        string? next = null;
        JsonElement first = default;
        do
        {
            var page = await browser.GetFromJsonAsync<JsonElement>(
                "/api/v1/postings?limit=40" + (next is null ? "" : "&after=" + next)
            );
            if (first.ValueKind == JsonValueKind.Undefined)
            {
                first = page.GetProperty("items")[0];
            }
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            next = page.GetProperty("next").GetString();
        } while (next is not null);

        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
        foreach (
            var field in new[]
            {
                "id",
                "title",
                "description",
                "url",
                "publishedAt",
                "type",
                "fixedBudget",
                "hourlyMin",
                "hourlyMax",
                "experienceLevel",
                "skills",
                "category",
                "totalApplicants",
                "client",
                "fetchedAt",
            }
        )
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }
        Assert.True(first.GetProperty("type").GetString() is "fixed" or "hourly");
        Assert.True(first.GetProperty("client").TryGetProperty("paymentVerified", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/api/v1/postings?after=bm9wZQ")).StatusCode);
    }

    [Fact]
    public void Options_outside_the_marketplace_limits_are_refused_at_start()
    {
        var refusal = Refusal(
            new()
            {
                ["Upwork:MaxRequestsPerMinute"] = "41",
                ["Upwork:MaxRequestsPerDay"] = "40001",
                ["Upwork:ContentRetention"] = "1.01:00:00",
                ["Upwork:Mode"] = "Api",
            }
        );
        Assert.NotNull(refusal);
        foreach (var key in new[] { "MaxRequestsPerMinute", "MaxRequestsPerDay", "ContentRetention", "ClientId" })
        {
            Assert.Contains(key, refusal.Message, StringComparison.Ordinal);
        }
        Assert.Null(Refusal([]));
        Assert.Equal(FeedMode.Demo, new UpworkOptions().EffectiveMode);
        Assert.Equal(FeedMode.Api, new UpworkOptions { ClientId = "x" }.EffectiveMode);
    }

    /// <summary>
    /// The options as the feed registers them, read once: every failed rule in one exception, or null.
    /// </summary>
    private static Microsoft.Extensions.Options.OptionsValidationException? Refusal(
        Dictionary<string, string?> settings
    )
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddFeed(configuration);
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<UpworkOptions>>().Value;
            return null;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            return e;
        }
    }
}

public sealed class ConnectFlowTests
{
    [Fact]
    public async Task Connect_sends_the_admin_to_authorize_with_a_state_and_only_that_state_completes_the_exchange()
    {
        await using var h = await FeedHarness.StartAsync(new() { ["Upwork:RefreshToken"] = null });
        var admin = await h.App.SignedInAsync(Roles.Admin);
        var connect = await admin.SubmitToAsync("/Admin/Feed/Connection", "/Admin/Feed/Connection?handler=Connect");
        Assert.Equal(HttpStatusCode.Redirect, connect.StatusCode);
        var location = new Uri(connect.Location());
        Assert.StartsWith(
            "https://www.upwork.com/ab/account-security/oauth2/authorize?",
            location.ToString(),
            StringComparison.Ordinal
        );
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(("code", "client-id"), (query["response_type"].ToString(), query["client_id"].ToString()));
        var state = query["state"].ToString();

        var forged = await admin.GetAsync("/Admin/Feed/Connection?handler=Callback&code=good-code&state=forged");
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Empty(h.Fake.Requests);

        // The cookie was consumed by the failed attempt: connect again, then come back with the right state.
        connect = await admin.SubmitToAsync("/Admin/Feed/Connection", "/Admin/Feed/Connection?handler=Connect");
        state = Microsoft
            .AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(connect.Location()).Query)["state"]
            .ToString();
        var callback = await admin.GetAsync(
            $"/Admin/Feed/Connection?handler=Callback&code=good-code&state={Uri.EscapeDataString(state)}"
        );
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var page = await admin.GetStringAsync("/Admin/Feed/Connection");
        Assert.Contains("Connected", page, StringComparison.Ordinal);
        Assert.Contains(
            "grant_type",
            Assert.Single(h.Fake.Requests, r => r.Path == "/token").Body,
            StringComparison.Ordinal
        );

        h.Publish(2);
        Assert.Equal(2, (await h.PollAsync()).New);
        var audit = await h.WithAsync(sp =>
            sp.GetRequiredService<AppDbContext>().AuditEvents.Select(a => a.Action).ToListAsync()
        );
        Assert.Contains("feed.connected", audit);

        var disconnect = await admin.SubmitToAsync(
            "/Admin/Feed/Connection",
            "/Admin/Feed/Connection?handler=Disconnect"
        );
        Assert.Equal(HttpStatusCode.Redirect, disconnect.StatusCode);
        Assert.Equal(0, (await h.PollAsync()).Requests);
    }
}
