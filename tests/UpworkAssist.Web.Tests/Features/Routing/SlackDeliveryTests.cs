using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Routing;

// One collection: these classes each start an app, a fake Slack and an SMTP server; run
// them one after another so they do not starve the browser tests of CPU.
[Collection("Routing")]
public sealed class SlackDeliveryTests : IAsyncLifetime
{
    private RoutingHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await RoutingHarness.StartAsync();
        await _h.AddLaneAsync("blazor", "Blazor work", "blazor");
        await _h.AddLaneAsync("apis", ".NET backends", "api");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_match_writes_its_outbox_rows_with_it_and_the_webhook_receives_one_Block_Kit_message()
    {
        await _h.AddSlackRouteAsync("blazor", _h.Slack.WebhookUrl("T1"));
        await _h.MatchAsync(_h.Posting("~01", "Blazor admin dashboard"));

        var rows = await _h.AlertsAsync();
        Assert.Equal([AlertChannel.InApp, AlertChannel.Slack], rows.Select(a => a.Channel));
        Assert.Equal(AlertStatus.Delivered, rows[0].Status); // the in-app queue shows it at once
        Assert.Equal(AlertStatus.Pending, rows[1].Status);

        Assert.Equal(1, await _h.DispatchAsync());
        var request = Assert.Single(_h.Slack.Requests);
        Assert.Equal("webhook", request.Kind);
        var json = request.Json;
        Assert.Contains("Blazor admin dashboard", json.GetProperty("text").GetString(), StringComparison.Ordinal);
        var blocks = json.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Contains(
            "$1,500 fixed",
            blocks[0].GetProperty("text").GetProperty("text").GetString(),
            StringComparison.Ordinal
        );
        Assert.Contains(
            blocks,
            b =>
                b.GetProperty("type").GetString() == "actions"
                && b.GetProperty("elements")
                    .EnumerateArray()
                    .Select(e => e.GetProperty("text").GetProperty("text").GetString())
                    .SequenceEqual(["Open on Upwork", "Open in UpworkAssist"])
        );
        Assert.Contains("payment verified", request.Body, StringComparison.Ordinal);

        var slack = (await _h.AlertsAsync(AlertChannel.Slack)).Single();
        Assert.Equal(AlertStatus.Delivered, slack.Status);
        Assert.Equal(1, slack.Attempts);
        Assert.Equal(_h.Now, slack.DeliveredAt);
        Assert.Equal(0, await _h.DispatchAsync());
        Assert.Single(_h.Slack.Requests);
    }

    [Fact]
    public async Task A_posting_matched_by_two_lanes_routed_to_one_channel_is_sent_once_naming_both()
    {
        await _h.AddSlackRouteAsync("blazor", "xoxb-test-token-1", "C-JOBS");
        await _h.AddSlackRouteAsync("apis", "xoxb-test-token-1", "#c-jobs");
        await _h.MatchAsync(_h.Posting("~01", "Blazor front end for our API"));

        Assert.Equal(2, (await _h.AlertsAsync(AlertChannel.Slack)).Count);
        Assert.Equal(2, await _h.DispatchAsync());
        var request = Assert.Single(_h.Slack.Requests);
        Assert.Equal("api", request.Kind);
        Assert.Equal("Bearer xoxb-test-token-1", request.Authorization);
        Assert.True(request.Key is "C-JOBS" or "#c-jobs");
        Assert.Contains("Blazor work", request.Body, StringComparison.Ordinal);
        Assert.Contains(".NET backends", request.Body, StringComparison.Ordinal);
        Assert.All(await _h.AlertsAsync(AlertChannel.Slack), a => Assert.Equal(AlertStatus.Delivered, a.Status));
    }

    [Fact]
    public async Task A_429_holds_that_channel_for_Retry_After_and_leaves_other_channels_alone()
    {
        await _h.AddSlackRouteAsync("blazor", "xoxb-token", "C-A");
        await _h.AddSlackRouteAsync("apis", "xoxb-token", "C-B");
        var limited = true;
        _h.Slack.Respond = r => r.Key == "C-A" && limited ? new SlackReply(429, RetryAfterSeconds: 30) : SlackReply.Ok;
        await _h.MatchAsync(
            _h.Posting("~01", "Blazor app"),
            _h.Posting("~02", "API work"),
            _h.Posting("~03", "Second API job")
        );
        var start = _h.Now;

        await _h.RunForAsync(TimeSpan.FromSeconds(29));
        var toA = _h.Slack.Requests.Where(r => r.Key == "C-A").ToList();
        Assert.Single(toA); // the 429 itself, then nothing inside the wait
        Assert.Equal(2, _h.Slack.Requests.Count(r => r.Key == "C-B"));

        limited = false;
        await _h.RunForAsync(TimeSpan.FromSeconds(3));
        var retry = _h.Slack.Requests.Where(r => r.Key == "C-A").ElementAt(1);
        Assert.Equal(start.AddSeconds(30), retry.At);
        Assert.All(await _h.AlertsAsync(AlertChannel.Slack), a => Assert.Equal(AlertStatus.Delivered, a.Status));
    }

    [Fact]
    public async Task Server_errors_and_timeouts_are_retried_with_backoff()
    {
        await using var h = await RoutingHarness.StartAsync(new() { ["Slack:Timeout"] = "00:00:00.200" });
        await h.AddLaneAsync("blazor", "Blazor work", "blazor");
        await h.AddSlackRouteAsync("blazor", h.Slack.WebhookUrl("T1"));
        var replies = new Queue<SlackReply>([new(500), new(503), new(200, Hang: true), SlackReply.Ok]);
        h.Slack.Respond = _ => replies.Dequeue();
        await h.MatchAsync(h.Posting("~01", "Blazor app"));
        var start = h.Now;

        await h.RunForAsync(TimeSpan.FromSeconds(20));
        var times = h.Slack.Requests.Select(r => (r.At - start).TotalSeconds).ToList();
        Assert.Equal([0, 2, 6, 14], times); // waits of 2, 4, 8 s
        var alert = (await h.AlertsAsync(AlertChannel.Slack)).Single();
        Assert.Equal(AlertStatus.Delivered, alert.Status);
        Assert.Equal(4, alert.Attempts);
    }

    public static TheoryData<string, int, string> PermanentFailures() =>
        new()
        {
            { "webhook", 404, "channel_not_found" },
            { "webhook", 410, "channel_is_archived" },
            { "webhook", 404, "no_service" },
            { "webhook", 403, "invalid_token" },
            { "api", 200, "channel_not_found" },
            { "api", 200, "channel_is_archived" },
            { "api", 200, "is_archived" },
            { "api", 200, "invalid_token" },
            { "api", 200, "no_service" },
        };

    [Theory]
    [MemberData(nameof(PermanentFailures))]
    public async Task Permanent_errors_pause_the_route_and_stop_sending(string kind, int status, string error)
    {
        var routeId =
            kind == "webhook"
                ? await _h.AddSlackRouteAsync("blazor", _h.Slack.WebhookUrl("T1"))
                : await _h.AddSlackRouteAsync("blazor", "xoxb-secret-token", "C-GONE");
        _h.Slack.Respond = _ => new SlackReply(status, error);
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"), _h.Posting("~02", "Blazor fix"));

        await _h.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.Single(_h.Slack.Requests);
        var route = await _h.RouteAsync(routeId);
        Assert.NotNull(route.PausedAt);
        Assert.Contains(error, route.PausedReason, StringComparison.Ordinal);
        Assert.All(await _h.AlertsAsync(AlertChannel.Slack), a => Assert.Equal(AlertStatus.Paused, a.Status));

        // New matches for a paused route wait as Paused too, and are not sent.
        await _h.MatchAsync(_h.Posting("~03", "Blazor again"));
        await _h.RunForAsync(TimeSpan.FromSeconds(3));
        Assert.Single(_h.Slack.Requests);
        Assert.DoesNotContain("xoxb-secret-token", _h.App.Logs.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("webhook", 400, "invalid_blocks")]
    [InlineData("webhook", 400, "invalid_payload")]
    [InlineData("api", 200, "invalid_blocks")]
    public async Task A_rejected_payload_is_recorded_as_a_defect_with_the_payload_and_no_secret(
        string kind,
        int status,
        string error
    )
    {
        var secret = kind == "webhook" ? _h.Slack.WebhookUrl("SECRETHOOK") : "xoxb-very-secret";
        await _h.AddSlackRouteAsync("blazor", secret, kind == "api" ? "C-1" : null);
        _h.Slack.Respond = _ => new SlackReply(status, error);
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));

        await _h.RunForAsync(TimeSpan.FromSeconds(3));
        var alert = (await _h.AlertsAsync(AlertChannel.Slack)).Single();
        Assert.Equal(AlertStatus.Failed, alert.Status);
        Assert.Contains(error, alert.LastError, StringComparison.Ordinal);
        Assert.Contains("payload: {", alert.LastError, StringComparison.Ordinal);
        Assert.Contains("Blazor app", alert.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETHOOK", alert.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb-very-secret", alert.LastError, StringComparison.Ordinal);
        Assert.Single(_h.Slack.Requests);
    }

    [Fact]
    public async Task After_a_10_minute_outage_held_alerts_go_out_as_one_catch_up_per_channel_at_most_one_per_second()
    {
        await _h.AddSlackRouteAsync("blazor", "xoxb-token", "C-A");
        await _h.AddSlackRouteAsync("apis", _h.Slack.WebhookUrl("HOOK-B"));
        var outageEnds = _h.Now.AddMinutes(10);
        _h.Slack.Respond = r => r.At < outageEnds ? new SlackReply(503) : SlackReply.Ok;
        for (var i = 1; i <= 6; i++)
        {
            await _h.MatchAsync(_h.Posting($"~a{i}", $"Blazor job {i}"), _h.Posting($"~b{i}", $"API job {i}"));
            _h.App.Clock.Advance(TimeSpan.FromSeconds(20));
        }

        await _h.RunForAsync(TimeSpan.FromMinutes(12));

        Assert.All(await _h.AlertsAsync(AlertChannel.Slack), a => Assert.Equal(AlertStatus.Delivered, a.Status));
        foreach (var (channel, prefix) in new[] { ("C-A", "Blazor job"), ("HOOK-B", "API job") })
        {
            // By then they are no longer fresh: one "older matches" message lists all six in publish order.
            var delivered = _h.Slack.Requests.Where(r => r.Key == channel && r.At >= outageEnds).ToList();
            var message = Assert.Single(delivered);
            Assert.Contains(
                "6 older matches while UpworkAssist was catching up",
                message.Body,
                StringComparison.Ordinal
            );
            var titles = message
                .Json.GetProperty("blocks")
                .EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "header")
                .Select(b => b.GetProperty("text").GetProperty("text").GetString()!.Split(" · ")[0])
                .ToList();
            Assert.Equal(Enumerable.Range(1, 6).Select(i => $"{prefix} {i}"), titles);
            // Backoff is capped, so the first message goes out within a minute of the outage's end.
            Assert.True(delivered[0].At - outageEnds <= TimeSpan.FromMinutes(1));
            var all = _h.Slack.Requests.Where(r => r.Key == channel).ToList();
            Assert.All(
                all.Zip(all.Skip(1)),
                pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromSeconds(1))
            );
        }
    }

    private static string Title(SlackRequest r) =>
        r.Json.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!.Split(" · ")[0];

    [Fact]
    public async Task Alerts_waiting_for_a_route_that_was_turned_off_are_not_sent()
    {
        var routeId = await _h.AddSlackRouteAsync("blazor", _h.Slack.WebhookUrl("T1"));
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));
        await _h.App.WithDbAsync(db =>
            db.AlertRoutes.Where(r => r.Id == routeId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Enabled, false))
        );

        await _h.RunForAsync(TimeSpan.FromSeconds(2));
        Assert.Empty(_h.Slack.Requests);
        var alert = (await _h.AlertsAsync(AlertChannel.Slack)).Single();
        Assert.Equal(AlertStatus.Failed, alert.Status);
        Assert.Contains("turned off", alert.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_never_send_the_same_row()
    {
        for (var i = 0; i < 8; i++)
        {
            await _h.AddSlackRouteAsync("blazor", _h.Slack.WebhookUrl($"H{i}"));
        }
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"), _h.Posting("~02", "Blazor site"));

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _h.DispatchAsync())));
        Assert.Equal(8, runs.Sum());
        Assert.Equal(8, _h.Slack.Requests.Count);
        Assert.Equal(8, _h.Slack.Requests.Select(r => r.Key).Distinct().Count());
    }

    [Fact]
    public async Task A_crash_between_claim_and_send_loses_nothing_and_repeats_nothing()
    {
        await _h.AddSlackRouteAsync("blazor", _h.Slack.WebhookUrl("T1"));
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));
        // A dispatcher claimed the row and died before sending.
        await _h.App.WithDbAsync(db =>
            db.Alerts.Where(a => a.Channel == AlertChannel.Slack)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ClaimedAt, _h.Now).SetProperty(a => a.Attempts, 1))
        );

        await _h.RunForAsync(TimeSpan.FromMinutes(2));
        Assert.Empty(_h.Slack.Requests); // the claim is still within its lease
        await _h.RunForAsync(TimeSpan.FromSeconds(2));
        Assert.Single(_h.Slack.Requests);
        var alert = (await _h.AlertsAsync(AlertChannel.Slack)).Single();
        Assert.Equal(AlertStatus.Delivered, alert.Status);
        Assert.Equal(2, alert.Attempts);
    }

    [Fact]
    public async Task A_crash_between_send_and_record_repeats_the_message_at_most_once()
    {
        await _h.AddSlackRouteAsync("blazor", _h.Slack.WebhookUrl("T1"));
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));
        using var crash = new CancellationTokenSource();
        // Slack receives the message; the dispatcher dies before it can record that.
        _h.Slack.OnReceived = _ => crash.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.DispatchAsync(crash.Token));
        _h.Slack.OnReceived = null;
        Assert.Single(_h.Slack.Requests);
        var pending = (await _h.AlertsAsync(AlertChannel.Slack)).Single();
        Assert.Equal(AlertStatus.Pending, pending.Status);
        Assert.NotNull(pending.ClaimedAt);

        await _h.RunForAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(2, _h.Slack.Requests.Count); // the one documented repeat
        Assert.Equal(AlertStatus.Delivered, (await _h.AlertsAsync(AlertChannel.Slack)).Single().Status);
    }
}
