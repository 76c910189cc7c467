using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Routing;

// One collection: these classes each start an app, a fake Slack and an SMTP server; run
// them one after another so they do not starve the browser tests of CPU.
[Collection("Routing")]
public sealed class RoutePagesTests : IAsyncLifetime
{
    private RoutingHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await RoutingHarness.StartAsync();
        await _h.AddLaneAsync("blazor", "Blazor work", "blazor");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_lead_adds_a_Slack_route_whose_secret_is_encrypted_masked_and_never_logged_and_sends_a_test()
    {
        var lead = await _h.App.SignedInAsync("Lead");
        var webhook = _h.Slack.WebhookUrl("T000SECRETPART/B000/XYZsecretTail");
        var saved = await lead.SubmitToAsync(
            "/Routing/Routes?lane=blazor",
            "/Routing/Routes?lane=blazor&handler=Add",
            RoutingHarness.SlackForm(webhook)
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var html = WebUtility.HtmlDecode(await lead.GetStringAsync("/Routing/Routes?lane=blazor"));
        Assert.Contains("Slack webhook 127.0.0.1/…Tail", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETPART", html, StringComparison.Ordinal);
        long routeId = 0;
        await _h.App.WithDbAsync(async db =>
        {
            var route = await db.AlertRoutes.SingleAsync();
            routeId = route.Id;
            Assert.DoesNotContain("SECRETPART", route.SecretProtected, StringComparison.Ordinal);
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "route.created" && a.SubjectId == "blazor"));
        });

        var test = await lead.SubmitToAsync(
            "/Routing/Routes?lane=blazor",
            $"/Routing/Routes?lane=blazor&id={routeId}&handler=Test"
        );
        Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        var request = Assert.Single(_h.Slack.Requests);
        Assert.Contains("Test message from UpworkAssist", request.Body, StringComparison.Ordinal);
        Assert.Contains(
            "Test message sent.",
            await lead.GetStringAsync("/Routing/Routes?lane=blazor"),
            StringComparison.Ordinal
        );
        await _h.App.WithDbAsync(async db =>
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "route.test_sent"))
        );
        Assert.DoesNotContain("SECRETPART", _h.App.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_routes_are_refused_with_reasons()
    {
        var lead = await _h.App.SignedInAsync("Lead");
        var html = await (
            await lead.SubmitToAsync(
                "/Routing/Routes?lane=blazor",
                "/Routing/Routes?lane=blazor&handler=Add",
                RoutingHarness.SlackForm("not a url")
            )
        ).Content.ReadAsStringAsync();
        Assert.Contains("https incoming-webhook URL", html, StringComparison.Ordinal);
        html = await (
            await lead.SubmitToAsync(
                "/Routing/Routes?lane=blazor",
                "/Routing/Routes?lane=blazor&handler=Add",
                ("Input.Kind", "Email"),
                ("Input.EmailTo", "nobody"),
                ("Input.Mode", "Immediate"),
                ("Input.TimeZone", "Mars/Base")
            )
        ).Content.ReadAsStringAsync();
        Assert.Contains("&quot;nobody&quot; is not an e-mail address", html, StringComparison.Ordinal);
        Assert.Contains("IANA time zone", html, StringComparison.Ordinal);
        await _h.App.WithDbAsync(async db => Assert.False(await db.AlertRoutes.AnyAsync()));
    }

    [Fact]
    public async Task A_paused_route_shows_on_the_page_and_resuming_sends_what_was_held()
    {
        var routeId = await _h.AddSlackRouteAsync("blazor", "xoxb-token", "C-GONE");
        _h.Slack.Respond = _ => new SlackReply(200, "channel_not_found");
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));
        await _h.DispatchAsync();

        var lead = await _h.App.SignedInAsync("Lead");
        var html = await lead.GetStringAsync("/Routing/Routes?lane=blazor");
        Assert.Contains("data-testid=\"paused\"", html, StringComparison.Ordinal);
        Assert.Contains("channel_not_found", html, StringComparison.Ordinal);
        var lanes = await lead.GetStringAsync("/Lanes");
        Assert.Contains("1 route paused", lanes, StringComparison.Ordinal);
        Assert.Contains("href=\"/Routing/Routes?lane=", lanes, StringComparison.Ordinal);

        _h.Slack.Respond = _ => SlackReply.Ok;
        await lead.SubmitToAsync(
            "/Routing/Routes?lane=blazor",
            $"/Routing/Routes?lane=blazor&id={routeId}&handler=Resume"
        );
        _h.App.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _h.DispatchAsync());
        Assert.Null((await _h.RouteAsync(routeId)).PausedAt);
        Assert.DoesNotContain(
            "data-testid=\"paused\"",
            await lead.GetStringAsync("/Routing/Routes?lane=blazor"),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Latency_per_route_is_shown_and_alerts_are_listed_by_the_api()
    {
        await _h.AddSlackRouteAsync("blazor", _h.Slack.WebhookUrl("H1"));
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"), _h.Posting("~02", "Blazor site"));
        _h.App.Clock.Advance(TimeSpan.FromSeconds(30));
        await _h.RunForAsync(TimeSpan.FromSeconds(2));

        var lead = await _h.App.SignedInAsync("Lead");
        var html = await lead.GetStringAsync("/Routing/Routes?lane=blazor");
        Assert.Contains("data-testid=\"latency\"", html, StringComparison.Ordinal);
        Assert.Contains(
            "<td>in-app</td><td class=\"text-end\">2</td><td class=\"text-end\">3 min</td>",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("slack-webhook:", html, StringComparison.Ordinal);

        // Deliveries name the routes' targets: for those who manage routes only.
        var freelancer = await _h.App.SignedInAsync("Freelancer");
        Assert.Equal(HttpStatusCode.Forbidden, (await freelancer.GetAsync("/api/v1/alerts")).StatusCode);
        var page = await lead.GetFromJsonAsync<JsonElement>("/api/v1/alerts?limit=3");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.All(
            items,
            i =>
                Assert.Equal(
                    ["jobId", "laneId", "route", "status", "attempts", "deliveredAt"],
                    i.EnumerateObject().Select(p => p.Name)
                )
        );
        Assert.Equal("blazor", items[0].GetProperty("laneId").GetString());
        var next = page.GetProperty("next").GetString();
        Assert.NotNull(next);
        var rest = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?after={next}");
        Assert.Single(rest.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _h.App.CreateClient().GetAsync("/api/v1/alerts")).StatusCode);
    }
}
