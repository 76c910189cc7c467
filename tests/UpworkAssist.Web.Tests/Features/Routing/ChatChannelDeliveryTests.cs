using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Routing.Telegram;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Routing;

/// <summary>One chat service as the outbox tests see it: how a route is made, and its protocol's answers.</summary>
public sealed record ChatChannel(
    RouteKind Kind,
    AlertChannel Channel,
    Func<FakeService, (string Secret, string Target)> Route,
    Func<ServiceRequest, ServiceReply> Ok,
    Func<int, ServiceReply> RateLimited,
    ServiceReply Permanent,
    string PermanentError,
    ServiceReply Outage
)
{
    public const string TelegramToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    public static ChatChannel Get(string name) =>
        name switch
        {
            "Telegram" => new(
                RouteKind.Telegram,
                AlertChannel.Telegram,
                _ => (TelegramSender.Secret(TelegramToken, "4242"), TelegramSender.Target(TelegramToken, "4242")),
                FakeTelegram.Ok,
                FakeTelegram.TooManyRequests,
                FakeTelegram.Blocked,
                "bot_blocked (HTTP 403)",
                FakeTelegram.Outage
            ),
            "Discord" => new(
                RouteKind.Discord,
                AlertChannel.Discord,
                f => Url(f, "discord", "api/webhooks/1234/tokenpart"),
                _ => FakeDiscord.Ok(),
                s => FakeDiscord.TooManyRequests(s),
                FakeDiscord.UnknownWebhook,
                "webhook_not_found (HTTP 404)",
                FakeDiscord.Outage
            ),
            _ => new(
                RouteKind.Teams,
                AlertChannel.Teams,
                f => Url(f, "teams", "workflows/abc/triggers/manual/paths/invoke?sig=secretsig"),
                _ => FakeTeams.Accepted,
                FakeTeams.TooManyRequests,
                FakeTeams.NotFound,
                "webhook_not_found (HTTP 404)",
                FakeTeams.Outage
            ),
        };

    private static (string, string) Url(FakeService f, string prefix, string path) =>
        (f.BaseUrl + path, RouteSecrets.WebhookTarget(prefix, f.BaseUrl + path));

    public static TheoryData<string> All => new() { "Telegram", "Discord", "Teams" };
}

/// <summary>The outbox guarantees of docs/routing.md, for Telegram, Discord and Teams as for Slack.</summary>
[Collection("Routing")]
public sealed class ChatChannelDeliveryTests : IAsyncLifetime
{
    private RoutingHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await RoutingHarness.StartAsync();
        await _h.AddLaneAsync("blazor", "Blazor work", "blazor");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<(ChatChannel C, long RouteId)> RouteAsync(string name, Action<AlertRoute>? configure = null)
    {
        var c = ChatChannel.Get(name);
        var (secret, target) = c.Route(_h.Service);
        _h.Service.Respond = c.Ok;
        return (c, await _h.AddChannelRouteAsync("blazor", c.Kind, secret, target, configure));
    }

    private async Task<List<Alert>> RowsAsync(ChatChannel c) => await _h.AlertsAsync(c.Channel);

    [Theory, MemberData(nameof(ChatChannel.All), MemberType = typeof(ChatChannel))]
    public async Task A_match_is_delivered_once_and_recorded_with_its_latency(string name)
    {
        var (c, _) = await RouteAsync(name);
        await _h.MatchAsync(_h.Posting("~01", "Blazor admin dashboard"));
        Assert.Equal(1, await _h.DispatchAsync());
        Assert.Single(_h.Service.Requests);
        var row = Assert.Single(await RowsAsync(c));
        Assert.Equal((AlertStatus.Delivered, _h.Now), (row.Status, row.DeliveredAt));
        Assert.Equal(0, await _h.DispatchAsync());
        var html = await (await _h.App.SignedInAsync("Lead")).GetStringAsync("/Routing/Routes?lane=blazor");
        Assert.Contains(name == "Teams" ? "Teams workflow" : name, html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(ChatChannel.All), MemberType = typeof(ChatChannel))]
    public async Task A_429_holds_the_chat_for_its_retry_after_and_then_sends(string name)
    {
        var (c, _) = await RouteAsync(name);
        var limited = true;
        _h.Service.Respond = r => limited ? c.RateLimited(7) : c.Ok(r);
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));
        await _h.DispatchAsync();
        limited = false;
        await _h.RunForAsync(TimeSpan.FromSeconds(7));
        Assert.Single(_h.Service.Requests); // nothing within the 7 s asked for
        await _h.RunForAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(2, _h.Service.Requests.Count);
        Assert.True(_h.Service.Requests[1].At - _h.Service.Requests[0].At >= TimeSpan.FromSeconds(7));
        Assert.Equal(AlertStatus.Delivered, (await RowsAsync(c)).Single().Status);
    }

    [Theory, MemberData(nameof(ChatChannel.All), MemberType = typeof(ChatChannel))]
    public async Task A_permanent_refusal_pauses_the_route_keeps_its_alerts_and_shows_why(string name)
    {
        var (c, routeId) = await RouteAsync(name);
        _h.Service.Respond = _ => c.Permanent;
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"), _h.Posting("~02", "Second Blazor app"));
        await _h.RunForAsync(TimeSpan.FromSeconds(5));
        Assert.Single(_h.Service.Requests);
        var route = await _h.RouteAsync(routeId);
        Assert.Equal(c.PermanentError, route.PausedReason);
        Assert.All(await RowsAsync(c), a => Assert.Equal(AlertStatus.Paused, a.Status));
        var lead = await _h.App.SignedInAsync("Lead");
        Assert.Contains(
            c.PermanentError,
            await lead.GetStringAsync("/Routing/Routes?lane=blazor"),
            StringComparison.Ordinal
        );

        // Resumed after the fix: the held alerts go out, nothing lost.
        _h.Service.Respond = c.Ok;
        await lead.SubmitToAsync(
            "/Routing/Routes?lane=blazor",
            $"/Routing/Routes?lane=blazor&id={routeId}&handler=Resume"
        );
        await _h.RunForAsync(TimeSpan.FromSeconds(5));
        Assert.All(await RowsAsync(c), a => Assert.Equal(AlertStatus.Delivered, a.Status));
    }

    [Theory, MemberData(nameof(ChatChannel.All), MemberType = typeof(ChatChannel))]
    public async Task After_an_outage_backoff_holds_the_rows_in_order_and_nothing_is_lost(string name)
    {
        var (c, _) = await RouteAsync(name);
        var down = true;
        _h.Service.Respond = r => down ? c.Outage : c.Ok(r);
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"), _h.Posting("~02", "Second Blazor app"));
        await _h.RunForAsync(TimeSpan.FromSeconds(30));
        var during = _h.Service.Requests.Count;
        Assert.InRange(during, 2, 6); // 2, 4, 8, 16 s apart: backing off, not hammering
        down = false;
        await _h.RunForAsync(TimeSpan.FromMinutes(2));
        Assert.All(await RowsAsync(c), a => Assert.Equal(AlertStatus.Delivered, a.Status));
    }

    [Theory, MemberData(nameof(ChatChannel.All), MemberType = typeof(ChatChannel))]
    public async Task A_crash_between_send_and_record_repeats_the_message_at_most_once(string name)
    {
        var (c, _) = await RouteAsync(name);
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));
        using var crash = new CancellationTokenSource();
        _h.Service.OnReceived = _ => crash.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.DispatchAsync(crash.Token));
        _h.Service.OnReceived = null;
        await _h.RunForAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(2, _h.Service.Requests.Count);
        Assert.Equal(AlertStatus.Delivered, (await RowsAsync(c)).Single().Status);
    }

    [Theory, MemberData(nameof(ChatChannel.All), MemberType = typeof(ChatChannel))]
    public async Task Send_test_message_goes_through_the_same_limiter(string name)
    {
        var (c, routeId) = await RouteAsync(name);
        var lead = await _h.App.SignedInAsync("Lead");
        _h.Service.Respond = _ => c.RateLimited(30);
        await lead.SubmitToAsync(
            "/Routing/Routes?lane=blazor",
            $"/Routing/Routes?lane=blazor&id={routeId}&handler=Test"
        );
        Assert.Single(_h.Service.Requests);
        await lead.SubmitToAsync(
            "/Routing/Routes?lane=blazor",
            $"/Routing/Routes?lane=blazor&id={routeId}&handler=Test"
        );
        Assert.Single(_h.Service.Requests); // held by the 429, not sent again
        Assert.Contains(
            "try again in",
            await lead.GetStringAsync("/Routing/Routes?lane=blazor"),
            StringComparison.Ordinal
        );
        // The outbox waits for the same Retry-After.
        _h.Service.Respond = c.Ok;
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));
        await _h.RunForAsync(TimeSpan.FromSeconds(20));
        Assert.Single(_h.Service.Requests);
    }

    [Theory, MemberData(nameof(ChatChannel.All), MemberType = typeof(ChatChannel))]
    public async Task Quiet_hours_hold_alerts_until_they_end(string name)
    {
        var (c, _) = await RouteAsync(
            name,
            r =>
            {
                r.QuietFrom = new TimeOnly(8, 0);
                r.QuietTo = new TimeOnly(10, 0);
            }
        );
        await _h.MatchAsync(_h.Posting("~01", "Blazor app")); // the fake clock reads 09:00 UTC
        await _h.RunForAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(_h.Service.Requests);
        Assert.Equal(AlertStatus.Held, (await RowsAsync(c)).Single().Status);
        _h.App.Clock.Advance(TimeSpan.FromHours(1));
        await _h.RunForAsync(TimeSpan.FromSeconds(2));
        Assert.Single(_h.Service.Requests);
    }

    [Fact]
    public async Task Telegram_sends_at_most_one_message_per_second_to_a_chat_and_twenty_a_minute_to_a_group()
    {
        var c = ChatChannel.Get("Telegram");
        _h.Service.Respond = c.Ok;
        await _h.AddChannelRouteAsync(
            "blazor",
            RouteKind.Telegram,
            TelegramSender.Secret(ChatChannel.TelegramToken, "-1001234567890"),
            TelegramSender.Target(ChatChannel.TelegramToken, "-1001234567890")
        );
        // Fresh postings (the harness counts 3 minutes as fresh) each get their own message.
        await _h.MatchAsync(Enumerable.Range(1, 25).Select(i => _h.Posting($"~{i:00}", $"Blazor job {i}")).ToArray());
        await _h.RunForAsync(TimeSpan.FromSeconds(60));
        var sent = _h.Service.Requests;
        Assert.InRange(sent.Count, 19, 20);
        Assert.All(sent.Zip(sent.Skip(1)), p => Assert.True(p.Second.At - p.First.At >= TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Discord_s_empty_bucket_holds_the_next_message_until_its_reset()
    {
        var (c, _) = await RouteAsync("Discord");
        _h.Service.Respond = _ => FakeDiscord.Ok(remaining: 0, resetAfter: 4.2);
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"), _h.Posting("~02", "Second Blazor app"));
        await _h.RunForAsync(TimeSpan.FromSeconds(10));
        var sent = _h.Service.Requests;
        Assert.Equal(2, sent.Count);
        Assert.True(sent[1].At - sent[0].At >= TimeSpan.FromSeconds(5)); // 4.2 s, rounded up, not the usual 1 s
        Assert.All(await RowsAsync(c), a => Assert.Equal(AlertStatus.Delivered, a.Status));
    }
}
