using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Routing;

/// <summary>
/// What the server can be pointed at, and what others' text can do in a message: route targets
/// inside the network are refused when saved and when sent, replies are never echoed, bad
/// addresses fail their route instead of retrying forever, and mrkdwn control characters stay text.
/// </summary>
[Collection("Routing")]
public sealed class RouteTargetTests : IAsyncLifetime
{
    private RoutingHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await RoutingHarness.StartAsync();
        await _h.AddLaneAsync("blazor", "Blazor work", "blazor");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public static TheoryData<string> Inside() =>
        [
            "http://127.1/hooks/x",
            "http://2130706433/hooks/x",
            "http://[::1]/hooks/x",
            "http://169.254.169.254/latest/meta-data",
            "https://10.0.0.1/hooks/x",
            "https://192.168.1.1/",
            "https://localhost/hooks/x",
            "file:///etc/passwd",
            "https://hooks.slack.com.evil.test/services/x",
            "http://hooks.slack.com/services/x",
            "https://hooks.slack.com:8443/services/x",
            "https://user@hooks.slack.com/services/x",
        ];

    [Theory]
    [MemberData(nameof(Inside))]
    public async Task A_webhook_url_that_is_not_Slack_or_an_allowed_host_is_refused_and_nothing_stored(string url)
    {
        var lead = await _h.App.SignedInAsync("Lead");
        var response = await lead.SubmitToAsync(
            "/Routing/Routes?lane=blazor",
            "/Routing/Routes?lane=blazor&handler=Add",
            RoutingHarness.SlackForm(url)
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            "https://hooks.slack.com/",
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()),
            StringComparison.Ordinal
        );
        await _h.App.WithDbAsync(async db => Assert.False(await db.AlertRoutes.AnyAsync()));
    }

    [Fact]
    public async Task Slack_hooks_and_the_operator_allowed_host_are_accepted()
    {
        var lead = await _h.App.SignedInAsync("Lead");
        foreach (var url in new[] { "https://hooks.slack.com/services/T0/B0/abc", _h.Slack.WebhookUrl("T1") })
        {
            var response = await lead.SubmitToAsync(
                "/Routing/Routes?lane=blazor",
                "/Routing/Routes?lane=blazor&handler=Add",
                RoutingHarness.SlackForm(url)
            );
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        await _h.App.WithDbAsync(async db => Assert.Equal(2, await db.AlertRoutes.CountAsync()));
    }

    [Fact]
    public async Task A_name_that_resolves_inside_the_network_is_refused_at_send_time_and_pauses_its_route()
    {
        // Saved before the form checked (or a name whose DNS changed): localhost is not the allowed 127.0.0.1:port.
        var port = new Uri(_h.Slack.BaseUrl).Port;
        var routeId = await _h.AddSlackRouteAsync("blazor", $"http://localhost:{port}/hooks/T1");
        await _h.MatchAsync(_h.Posting("~01", "Blazor dashboard"));

        Assert.Equal(0, await _h.DispatchAsync());
        Assert.Empty(_h.Slack.Requests);
        var route = await _h.RouteAsync(routeId);
        Assert.NotNull(route.PausedAt);
        Assert.Contains("private, loopback or link-local", route.PausedReason, StringComparison.Ordinal);
        Assert.Equal(AlertStatus.Paused, (await _h.AlertsAsync(AlertChannel.Slack)).Single().Status);
    }

    [Fact]
    public async Task The_test_button_never_shows_what_the_far_side_answered()
    {
        var routeId = await _h.AddSlackRouteAsync("blazor", _h.Slack.WebhookUrl("T1"));
        _h.Slack.Respond = _ => new SlackReply(400, "<html>internal admin console: db password hunter2</html>");
        var lead = await _h.App.SignedInAsync("Lead");
        await lead.SubmitToAsync(
            "/Routing/Routes?lane=blazor",
            $"/Routing/Routes?lane=blazor&id={routeId}&handler=Test"
        );

        var html = WebUtility.HtmlDecode(await lead.GetStringAsync("/Routing/Routes?lane=blazor"));
        Assert.Contains("Test message failed: error (HTTP 400)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", html, StringComparison.Ordinal);
        await _h.App.WithDbAsync(async db =>
            Assert.False(await db.AuditEvents.AnyAsync(a => a.Details!.Contains("hunter2")))
        );
    }

    [Theory]
    [InlineData("a@b@c")]
    [InlineData("ops@[127.0.0.1]")]
    [InlineData("ops@127.0.0.1")]
    [InlineData("Ops <ops@example.test>")]
    public async Task An_address_the_sender_cannot_use_is_refused_by_the_form(string address)
    {
        var lead = await _h.App.SignedInAsync("Lead");
        var response = await lead.SubmitToAsync(
            "/Routing/Routes?lane=blazor",
            "/Routing/Routes?lane=blazor&handler=Add",
            ("Input.Kind", "Email"),
            ("Input.EmailTo", "good@example.test, " + address),
            ("Input.Mode", "Immediate"),
            ("Input.TimeZone", "UTC")
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(
            "is not an e-mail address|names an IP address",
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync())
        );
        await _h.App.WithDbAsync(async db => Assert.False(await db.AlertRoutes.AnyAsync()));
    }

    [Fact]
    public async Task A_stored_address_that_cannot_be_sent_to_fails_its_route_with_a_reason_instead_of_retrying()
    {
        var routeId = await _h.AddEmailRouteAsync("blazor", "a@b@c");
        await _h.MatchAsync(_h.Posting("~01", "Blazor dashboard"));

        await _h.DispatchAsync();
        var route = await _h.RouteAsync(routeId);
        Assert.NotNull(route.PausedAt);
        Assert.Contains("is not an e-mail address", route.PausedReason, StringComparison.Ordinal);
        var alert = (await _h.AlertsAsync(AlertChannel.Email)).Single();
        Assert.Equal(AlertStatus.Paused, alert.Status);
        _h.App.Clock.Advance(TimeSpan.FromMinutes(5));
        await _h.DispatchAsync();
        Assert.Equal(1, (await _h.AlertsAsync(AlertChannel.Email)).Single().Attempts);
    }

    [Fact]
    public async Task The_review_reminder_takes_only_a_Slack_target_a_lane_route_could_take()
    {
        var admin = await _h.App.SignedInAsync("Admin");
        foreach (
            var secret in new[] { "file:///etc/passwd", "http://169.254.169.254/latest", "gopher://hooks.slack.com/x" }
        )
        {
            var response = await admin.SubmitToAsync(
                "/Compliance/Review",
                "/Compliance/Review?handler=Routes",
                ("SlackSecret", secret),
                ("SlackChannel", "")
            );
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(
                "hooks.slack.com",
                WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()),
                StringComparison.Ordinal
            );
        }
        await _h.App.WithDbAsync(async db =>
            Assert.False(await db.ReviewReminderSettings.AnyAsync(s => s.SlackSecretProtected != null))
        );
    }

    [Fact]
    public async Task Mentions_and_links_in_every_field_reach_Slack_as_text()
    {
        const string Hostile = "<!channel> <https://evil.test|click me> <@U0ADMIN> & co";
        await _h.AddLaneAsync("evil", "Lane " + Hostile, "blazor");
        await _h.AddSlackRouteAsync("evil", _h.Slack.WebhookUrl("T1"));
        await _h.App.WithDbAsync(async db =>
        {
            // Keywords are evidence the lane itself reports: make them hostile too.
            var lane = await db.Lanes.SingleAsync(l => l.Id == "evil");
            lane.RulesJson = lane.RulesJson.Replace(
                "\"blazor\"",
                "\"blazor\",\"" + JsonEncodedText.Encode(Hostile) + "\"",
                StringComparison.Ordinal
            );
            await db.SaveChangesAsync();
        });
        var posting = _h.Posting("~01", "Blazor " + Hostile, "Blazor " + Hostile + "\nsecond line " + Hostile);
        posting.Client = new ClientFacts(Hostile, true, 1000, 2, 4.5, 3);
        await _h.MatchAsync(posting);

        Assert.Equal(1, await _h.DispatchAsync());
        var json = Assert.Single(_h.Slack.Requests).Json;
        var mrkdwn = new List<string> { json.GetProperty("text").GetString()! };
        foreach (var block in json.GetProperty("blocks").EnumerateArray())
        {
            foreach (var name in new[] { "text", "fields", "elements" })
            {
                if (!block.TryGetProperty(name, out var part))
                    continue;
                var parts = part.ValueKind == JsonValueKind.Array ? part.EnumerateArray().ToList() : [part];
                mrkdwn.AddRange(
                    parts
                        .Where(p => p.TryGetProperty("type", out var t) && t.GetString() == "mrkdwn")
                        .Select(p => p.GetProperty("text").GetString()!)
                );
            }
        }
        Assert.Contains(mrkdwn, t => t.Contains("&lt;!channel&gt;", StringComparison.Ordinal));
        Assert.All(mrkdwn, t => Assert.True(t.IndexOfAny(['<', '>']) < 0, "raw mrkdwn control character in: " + t));
        // Every hostile field did arrive (escaped): title, description, lane name, keyword, country.
        var all = string.Join("\n", mrkdwn);
        Assert.Contains("Blazor &lt;!channel&gt;", all, StringComparison.Ordinal);
        Assert.Contains("second line &lt;!channel&gt;", all, StringComparison.Ordinal);
        Assert.Contains("*Lane &lt;!channel&gt;", all, StringComparison.Ordinal);
        Assert.Contains(
            "· &lt;!channel&gt; &lt;https://evil.test|click me&gt; &lt;@U0ADMIN&gt; &amp; co",
            all,
            StringComparison.Ordinal
        );
    }
}
