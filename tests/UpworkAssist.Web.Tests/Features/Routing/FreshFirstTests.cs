using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace UpworkAssist.Web.Tests.Features.Routing;

/// <summary>
/// Fresh alerts never wait behind a catch-up (issue 15): a 300-match backlog goes out as
/// "older matches" messages while every fresh match keeps its own message, all at Slack's one
/// message per second per channel, with Retry-After honoured, on the fake clock.
/// </summary>
[Collection("Routing")]
public sealed class FreshFirstTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RoutingHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await RoutingHarness.StartAsync(new() { ["Routing:FreshAlertAge"] = "00:02:00" });
        await _h.AddLaneAsync("blazor", "Blazor work", "blazor");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Fresh_matches_reach_Slack_within_the_poll_interval_while_a_300_match_catch_up_is_sent_as_batches()
    {
        var throttled = false;
        var (backlog, fresh) = await CatchUpScenarioAsync(
            _h,
            r =>
            {
                // Slack pushes back once in the middle of the catch-up.
                if (!throttled && _h.Slack.Requests.Count == 10)
                {
                    throttled = true;
                    return new SlackReply(429, RetryAfterSeconds: 7);
                }
                return SlackReply.Ok;
            }
        );

        var slack = await _h.AlertsAsync(AlertChannel.Slack);
        Assert.Equal(310, slack.Count);
        Assert.All(slack, a => Assert.Equal(AlertStatus.Delivered, a.Status)); // nothing lost

        var freshRows = slack.Where(a => fresh.Contains(a.Match!.PostingId)).ToList();
        var latencies = freshRows.Select(a => a.DeliveredAt!.Value - a.PublishedAt).ToList();
        var p95 = DeliveryLatency.Percentile(latencies, 0.95);
        var afterMatch = DeliveryLatency.Percentile(freshRows.Select(a => a.DeliveredAt!.Value - a.MatchedAt), 0.95);
        output.WriteLine(
            $"fresh publish → Slack p95 {p95.TotalSeconds:0.#} s (matched → Slack p95 {afterMatch.TotalSeconds:0.#} "
                + $"s), max {latencies.Max().TotalSeconds:0.#} s over {latencies.Count} fresh matches; "
                + $"{_h.Slack.Requests.Count} messages"
        );
        Assert.True(p95 <= TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5), $"p95 {p95}");

        // Every posting is in exactly one message: fresh ones alone, older ones in batches under the headline.
        var ok = _h.Slack.Requests.Where(r => r != _h.Slack.Requests[9]).ToList();
        foreach (var id in backlog.Concat(fresh))
        {
            Assert.Equal(1, ok.Count(r => r.Body.Contains($"/jobs/{id}\"", StringComparison.Ordinal)));
        }
        var catchUps = _h
            .Slack.Requests.Where(r =>
                r.Body.Contains("older matches while UpworkAssist was catching up", StringComparison.Ordinal)
            )
            .ToList();
        Assert.InRange(catchUps.Count, 300 / 6, 300 / 6 + 3);
        Assert.All(catchUps, r => Assert.True(r.Json.GetProperty("blocks").GetArrayLength() <= 50));
        Assert.Contains("Open these in the queue", catchUps[0].Body, StringComparison.Ordinal);
        foreach (var id in fresh)
        {
            Assert.Single(
                _h.Slack.Requests,
                r => r.Body.Contains($"Blazor fresh {id}", StringComparison.Ordinal) && !catchUps.Contains(r)
            );
        }

        // One message a second at most, and nothing inside the 429's wait.
        var at = _h.Slack.Requests.Select(r => r.At).ToList();
        for (var i = 1; i < at.Count; i++)
        {
            Assert.True(at[i] - at[i - 1] >= TimeSpan.FromSeconds(1), $"two messages {at[i] - at[i - 1]} apart");
        }
        var limited = _h.Slack.Requests[9].At;
        Assert.True(at[10] >= limited.AddSeconds(7));
    }

    [Fact]
    public async Task Without_fresh_first_the_same_fresh_matches_wait_behind_the_catch_up()
    {
        // The reference: every alert counts as fresh, so the outbox sends oldest first, one a second.
        await using var h = await RoutingHarness.StartAsync(new() { ["Routing:FreshAlertAge"] = "1.00:00:00" });
        await h.AddLaneAsync("blazor", "Blazor work", "blazor");
        var (_, fresh) = await CatchUpScenarioAsync(h, _ => SlackReply.Ok);

        var freshRows = (await h.AlertsAsync(AlertChannel.Slack))
            .Where(a => fresh.Contains(a.Match!.PostingId))
            .ToList();
        var waited = freshRows
            .Where(a => a.DeliveredAt is not null)
            .Select(a => a.DeliveredAt!.Value - a.PublishedAt)
            .ToList();
        var p95 = waited.Count < freshRows.Count ? TimeSpan.MaxValue : DeliveryLatency.Percentile(waited, 0.95);
        output.WriteLine(
            $"reference (oldest first): fresh publish → Slack p95 "
                + $"{(p95 == TimeSpan.MaxValue ? "not delivered within the run" : $"{p95.TotalSeconds:0.#} s")}, "
                + $"{waited.Count} of {freshRows.Count} delivered within 7 minutes"
        );
        Assert.True(p95 > TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Send_test_message_takes_the_channel_slot_honours_Retry_After_and_a_paused_route()
    {
        var routeId = await _h.AddSlackRouteAsync("blazor", _h.Slack.WebhookUrl("T2"));
        var route = await _h.RouteAsync(routeId);
        _h.Slack.Respond = _ => new SlackReply(429, RetryAfterSeconds: 30);

        var first = await TestAsync(route);
        Assert.Equal(SendStatus.RateLimited, first.Status);
        Assert.Single(_h.Slack.Requests);

        // Inside the wait neither the test button nor the dispatcher reaches Slack.
        _h.Slack.Respond = _ => SlackReply.Ok;
        _h.App.Clock.Advance(TimeSpan.FromSeconds(10));
        var waiting = await TestAsync(route);
        Assert.Equal(SendStatus.RateLimited, waiting.Status);
        Assert.Contains("try again in 20 s", waiting.Error, StringComparison.Ordinal);
        await _h.MatchAsync(At(_h.Posting("~01t", "Blazor test wait"), _h.Now));
        Assert.Equal(0, await _h.DispatchAsync());
        Assert.Single(_h.Slack.Requests);

        // After the wait the test goes out and holds the channel's one-second slot.
        _h.App.Clock.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal(SendStatus.Delivered, (await TestAsync(route)).Status);
        Assert.Equal(0, await _h.DispatchAsync());
        Assert.Equal(SendStatus.RateLimited, (await TestAsync(route)).Status);
        Assert.Equal(2, _h.Slack.Requests.Count);

        await _h.App.WithDbAsync(async db =>
        {
            var r = await db.AlertRoutes.FindAsync(routeId);
            r!.PausedAt = _h.Now;
            r.PausedReason = "channel_not_found";
            await db.SaveChangesAsync();
        });
        _h.App.Clock.Advance(TimeSpan.FromSeconds(5));
        var paused = await TestAsync(await _h.RouteAsync(routeId));
        Assert.Equal(SendStatus.Permanent, paused.Status);
        Assert.Contains("paused", paused.Error, StringComparison.Ordinal);
        Assert.Equal(2, _h.Slack.Requests.Count);
    }

    /// <summary>
    /// 300 matches 40 minutes old wait for one Slack channel; then a poll a minute for five minutes
    /// brings two fresh matches each, published 20–45 s before the poll stored them.
    /// </summary>
    private static async Task<(IReadOnlyList<string> Backlog, IReadOnlyList<string> Fresh)> CatchUpScenarioAsync(
        RoutingHarness h,
        Func<SlackRequest, SlackReply> slack
    )
    {
        await h.AddSlackRouteAsync("blazor", h.Slack.WebhookUrl("T1"));
        var backlog = Enumerable
            .Range(1, 300)
            .Select(i => At(h.Posting($"~01old{i:D3}", $"Blazor job {i}"), h.Now.AddMinutes(-40).AddSeconds(i)))
            .ToArray();
        await h.MatchAsync(backlog);
        h.Slack.Respond = slack;
        var fresh = new List<string>();
        for (var poll = 0; poll < 5; poll++)
        {
            var ids = new[] { $"~01new{poll}a", $"~01new{poll}b" };
            fresh.AddRange(ids);
            await h.MatchAsync(
                ids.Select((id, i) => At(h.Posting(id, $"Blazor fresh {id}"), h.Now.AddSeconds(-20 - 25 * i))).ToArray()
            );
            await h.RunForAsync(TimeSpan.FromMinutes(1));
        }
        await h.RunForAsync(TimeSpan.FromMinutes(2));
        return (backlog.Select(p => p.Id).ToList(), fresh);
    }

    private Task<SendOutcome> TestAsync(AlertRoute route) =>
        _h.App.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<RouteTester>().SendAsync(route, CancellationToken.None)).Single().Outcome
        );

    private static Posting At(Posting p, DateTimeOffset published)
    {
        p.PublishedAt = published;
        p.FetchedAt = published;
        return p;
    }
}
