using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Feed;

/// <summary>Every failure UPWORK_API.md lists, served by the fake over HTTP to the real client.</summary>
public sealed class FeedFailureTests
{
    [Fact]
    public async Task A_429_with_Retry_After_is_honoured_and_no_request_is_made_inside_the_wait()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(2);
        h.Fake.ThenStatus(429, "{}", "application/json", ("Retry-After", "120"));

        var run = await h.PollAsync();

        Assert.Null(run.Error);
        Assert.Equal(2, run.New);
        var searches = h.Fake.GraphQlRequests.ToList();
        Assert.Equal(2, searches.Count);
        Assert.True(
            searches[1].At >= searches[0].At.AddSeconds(120),
            $"retried at {searches[1].At:O}, 429 at {searches[0].At:O}"
        );
    }

    [Fact]
    public async Task A_429_without_Retry_After_backs_off_exponentially_from_60_seconds()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(1);
        h.Fake.ThenStatus(429, "{}", "application/json");
        h.Fake.ThenStatus(429, "{}", "application/json");

        var run = await h.PollAsync();

        Assert.Equal(1, run.New);
        var at = h.Fake.GraphQlRequests.Select(r => r.At).ToList();
        Assert.Equal(3, at.Count);
        Assert.True(at[1] >= at[0].AddSeconds(60));
        Assert.True(at[2] >= at[1].AddSeconds(120));
        var usage = h.App.Services.GetRequiredService<RateGovernor>().Current();
        Assert.NotNull(usage.Last429At);
    }

    [Fact]
    public async Task A_401_refreshes_the_token_once_stores_the_rotated_refresh_token_and_retries()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(1);
        await h.PollAsync();
        h.Fake.ValidAccessTokens.Clear(); // the marketplace revoked the access token early

        h.Publish(1, "~01more", 5);
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var run = await h.PollAsync();

        Assert.Null(run.Error);
        Assert.Equal(1, run.New);
        var tokenCalls = h.Fake.Requests.Count(r => r.Path == "/token");
        Assert.Equal(2, tokenCalls);
        var (stored, plain) = await StoredRefreshTokenAsync(h);
        Assert.Equal("rt-2", plain);
        Assert.DoesNotContain("rt-2", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("at-2", h.App.Logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("rt-2", h.App.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_whose_caller_gives_up_midway_still_stores_the_rotated_grant()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(1);
        using var givingUp = new CancellationTokenSource();
        // The caller (a page read ahead, given up when its store failed) leaves once the marketplace
        // has rotated the grant: the old refresh token is spent, the new one is in the unread answer.
        h.Fake.OnTokenIssued = givingUp.Cancel;
        await Record.ExceptionAsync(() =>
            h.WithAsync(sp => sp.GetRequiredService<MarketplaceTokens>().GetAccessTokenAsync(givingUp.Token))
        );
        h.Fake.OnTokenIssued = null;

        Assert.Equal(h.Fake.LastIssuedRefreshToken, (await StoredRefreshTokenAsync(h)).Plain);
        h.Fake.ValidAccessTokens.Clear(); // the next poll must refresh with the stored grant
        var run = await h.PollAsync();
        Assert.Null(run.Error);
        Assert.Equal(1, run.New);
    }

    [Fact]
    public async Task A_token_endpoint_that_does_not_answer_fails_the_poll_within_the_request_timeout()
    {
        await using var h = await FeedHarness.StartAsync(new() { ["Upwork:RequestTimeout"] = "00:00:00.5" });
        h.Publish(1);
        using var answer = new ManualResetEventSlim();
        h.Fake.OnTokenIssued = () => answer.Wait(TimeSpan.FromSeconds(30)); // no answer until the test is done

        PollRun run;
        try
        {
            run = await h.PollAsync();
        }
        finally
        {
            answer.Set();
        }

        Assert.Contains("The token endpoint did not answer within 0.5 s", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, run.New);
    }

    [Fact]
    public async Task Invalid_grant_stops_polling_without_a_retry_storm_and_tells_the_admin()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Fake.ValidRefreshTokens.Clear();
        h.Publish(1);

        var run = await h.PollAsync();
        Assert.Contains("invalid_grant", run.Error, StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            h.App.Clock.Advance(TimeSpan.FromMinutes(1));
            await h.PollAsync();
        }

        Assert.Equal(1, h.Fake.Requests.Count(r => r.Path == "/token"));
        Assert.Empty(h.Fake.GraphQlRequests);
        var admin = await h.App.SignedInAsync(Roles.Admin);
        var page = await admin.GetStringAsync("/Admin/Feed/Connection");
        Assert.Contains("invalid_grant", page, StringComparison.Ordinal);
        Assert.Contains("reconnect", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_403_with_an_HTML_page_halts_the_feed_until_a_human_resumes_it()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(1);
        h.Fake.ThenStatus(403, "<!DOCTYPE html><html><body>Access denied | Cloudflare</body></html>");

        var run = await h.PollAsync();
        Assert.Contains("403", run.Error, StringComparison.Ordinal);
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var next = await h.PollAsync();
        Assert.Equal(0, next.Requests);
        Assert.Single(h.Fake.GraphQlRequests);

        var admin = await h.App.SignedInAsync(Roles.Admin);
        var resumed = await admin.SubmitToAsync("/Admin/Feed/Connection", "/Admin/Feed/Connection?handler=Resume");
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.Equal(1, (await h.PollAsync()).New);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_with_HTML_bodies_are_retried_with_backoff(int status)
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(1);
        h.Fake.ThenStatus(status, "<html><body><h1>Bad gateway</h1></body></html>");
        h.Fake.ThenStatus(status, "<html><body><h1>Bad gateway</h1></body></html>");

        var run = await h.PollAsync();

        Assert.Equal((1, 2, 3), (run.New, run.Errors, run.Requests));
        var at = h.Fake.GraphQlRequests.Select(r => r.At).ToList();
        Assert.True(at[1] > at[0] && at[2] > at[1]);
    }

    [Fact]
    public async Task Endless_server_errors_fail_the_poll_after_a_bounded_number_of_attempts_and_keep_the_cursor()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(1);
        for (var i = 0; i < MarketplaceClient.MaxAttempts; i++)
        {
            h.Fake.ThenStatus(502, "<html>bad gateway</html>");
        }
        var run = await h.PollAsync();
        Assert.Contains("502", run.Error, StringComparison.Ordinal);
        Assert.Equal(MarketplaceClient.MaxAttempts, h.Fake.GraphQlRequests.Count());
        Assert.Equal(1, (await h.PollAsync()).New);
    }

    [Fact]
    public async Task A_request_that_times_out_is_retried()
    {
        await using var h = await FeedHarness.StartAsync(new() { ["Upwork:RequestTimeout"] = "00:00:00.5" });
        h.Publish(1);
        h.Fake.ThenHang();

        var run = await h.PollAsync();

        Assert.Equal((1, 1, 2), (run.New, run.Errors, run.Requests));
        Assert.Contains("No answer within", h.App.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphQL_errors_without_data_fail_the_poll_and_with_complete_data_keep_the_page()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(2);
        h.Fake.ThenStatus(
            200,
            """
            {"errors":[{"message":"Field 'x' is undefined","extensions":{"classification":"ValidationError"}}],
             "data":null}
            """,
            "application/json"
        );
        var failed = await h.PollAsync();
        Assert.Contains("ValidationError", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, failed.New);

        var page = h.Fake.Page("0", 3);
        h.Fake.ThenStatus(
            200,
            new System.Text.Json.Nodes.JsonObject
            {
                ["errors"] = new System.Text.Json.Nodes.JsonArray(
                    new System.Text.Json.Nodes.JsonObject { ["message"] = "Not allowed to read client.totalSpent" }
                ),
                ["data"] = page,
            }.ToJsonString(),
            "application/json"
        );
        var kept = await h.PollAsync();
        Assert.Null(kept.Error);
        Assert.Equal(2, kept.New);
    }

    [Fact]
    public async Task A_mutation_is_refused_before_any_request()
    {
        await using var h = await FeedHarness.StartAsync();
        var error = await Assert.ThrowsAsync<FeedException>(() =>
            h.WithAsync(sp =>
                sp.GetRequiredService<MarketplaceClient>()
                    .QueryAsync(
                        "# a query?\n  mutation { withdrawProposal(id: \"1\") { id } }",
                        null,
                        CancellationToken.None
                    )
            )
        );
        Assert.Equal(FeedFailure.Refused, error.Failure);
        Assert.Empty(h.Fake.Requests);
    }

    /// <summary>The refresh token the store holds, as stored (protected) and as the marketplace issued it.</summary>
    private static async Task<(string Stored, string Plain)> StoredRefreshTokenAsync(FeedHarness h)
    {
        var connection = await h.WithAsync(sp =>
            sp.GetRequiredService<AppDbContext>().MarketplaceConnections.SingleAsync()
        );
        var protector = h
            .App.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(MarketplaceTokens.ProtectorPurpose);
        return (connection.ProtectedRefreshToken!, protector.Unprotect(connection.ProtectedRefreshToken!));
    }
}
