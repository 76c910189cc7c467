using MimeKit;
using netDumbster.smtp;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Routing;

namespace UpworkAssist.Web.Tests.Features.Routing;

/// <summary>
/// E-mail against a real SMTP server (netDumbster on a free port), with quiet hours and digests on the fake clock.
/// </summary>
// One collection: these classes each start an app, a fake Slack and an SMTP server; run
// them one after another so they do not starve the browser tests of CPU.
[Collection("Routing")]
public sealed class EmailDeliveryTests : IAsyncLifetime
{
    private RoutingHarness _h = null!;
    private SimpleSmtpServer? _smtp;

    public async Task InitializeAsync()
    {
        _h = await RoutingHarness.StartAsync();
        _smtp = SimpleSmtpServer.Start(_h.SmtpPort);
        await _h.AddLaneAsync("blazor", "Blazor work", "blazor");
        await _h.AddLaneAsync("apis", "API work", "api");
    }

    public async Task DisposeAsync()
    {
        _smtp?.Dispose();
        await _h.DisposeAsync();
    }

    private List<MimeMessage> Mails() =>
        _smtp!
            .ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))
            .ToList();

    [Fact]
    public async Task An_immediate_route_mails_each_address_once_with_html_and_text_parts()
    {
        await _h.AddEmailRouteAsync("blazor", "a@example.test, B@example.test");
        await _h.AddEmailRouteAsync("apis", "a@example.test");
        await _h.MatchAsync(_h.Posting("~01", "Blazor app with an API"));

        Assert.Equal(3, await _h.DispatchAsync());
        var mails = Mails();
        Assert.Equal(2, mails.Count); // a@ gets one mail naming both lanes
        var toA = mails.Single(m => m.To.Mailboxes.Single().Address == "a@example.test");
        Assert.Equal("New match: Blazor app with an API", toA.Subject);
        Assert.Contains("Blazor work", toA.TextBody, StringComparison.Ordinal);
        Assert.Contains("API work", toA.TextBody, StringComparison.Ordinal);
        Assert.Contains(
            "<a href=\"https://www.upwork.com/jobs/~01\">Open on Upwork</a>",
            toA.HtmlBody,
            StringComparison.Ordinal
        );
        Assert.All(await _h.AlertsAsync(AlertChannel.Email), a => Assert.Equal(AlertStatus.Delivered, a.Status));
    }

    [Fact]
    public async Task Every_part_is_UTF_8_and_reads_right_in_a_client_that_trusts_the_markup()
    {
        await _h.AddEmailRouteAsync("blazor", "a@example.test");
        await _h.MatchAsync(_h.Posting("~01", "Blazor app for a café"));
        Assert.Equal(1, await _h.DispatchAsync());

        // As a mail client reads it: the bytes on the wire, each part's transfer encoding undone,
        // then the text decoded as the part says (and, for HTML, as its markup says).
        var raw = System.Text.Encoding.UTF8.GetBytes(_smtp!.ReceivedEmail.Single().Data);
        Assert.All(raw, b => Assert.True(b < 0x80, "the message travels as 7-bit text"));
        var mail = MimeMessage.Load(new MemoryStream(raw));
        var parts = mail.BodyParts.OfType<TextPart>().ToList();
        Assert.Equal(["text/html", "text/plain"], parts.Select(p => p.ContentType.MimeType).Order());
        foreach (var part in parts)
        {
            Assert.Equal("utf-8", part.ContentType.Charset, ignoreCase: true);
            using var bytes = new MemoryStream();
            part.Content!.DecodeTo(bytes);
            var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
            Assert.Contains("Blazor app for a café", System.Net.WebUtility.HtmlDecode(text), StringComparison.Ordinal);
            Assert.Contains(" · ", text, StringComparison.Ordinal);
        }
        Assert.Contains("<meta charset=\"utf-8\">", parts.Single(p => p.IsHtml).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_smtp_outage_holds_mail_and_sends_it_when_the_server_is_back()
    {
        await _h.AddEmailRouteAsync("blazor", "a@example.test");
        _smtp!.Dispose();
        _smtp = null;
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));

        await _h.RunForAsync(TimeSpan.FromSeconds(10));
        var alert = (await _h.AlertsAsync(AlertChannel.Email)).Single();
        Assert.Equal(AlertStatus.Pending, alert.Status);
        Assert.True(alert.Attempts >= 2);
        Assert.NotNull(alert.LastError);

        _smtp = SimpleSmtpServer.Start(_h.SmtpPort);
        await _h.RunForAsync(TimeSpan.FromMinutes(1));
        Assert.Single(Mails());
        Assert.Equal(AlertStatus.Delivered, (await _h.AlertsAsync(AlertChannel.Email)).Single().Status);
    }

    [Fact]
    public async Task An_hourly_digest_waits_for_the_hour_and_groups_matches_by_lane()
    {
        await _h.AddEmailRouteAsync("blazor", "lead@example.test", r => r.Mode = RouteMode.Hourly);
        await _h.AddEmailRouteAsync("apis", "lead@example.test", r => r.Mode = RouteMode.Hourly);
        _h.App.Clock.Advance(TimeSpan.FromMinutes(10)); // 09:10
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));
        _h.App.Clock.Advance(TimeSpan.FromMinutes(20)); // 09:30
        await _h.MatchAsync(_h.Posting("~02", "API service"), _h.Posting("~03", "Blazor and API"));

        Assert.All(await _h.AlertsAsync(AlertChannel.Email), a => Assert.Equal(AlertStatus.Held, a.Status));
        _h.App.Clock.Advance(TimeSpan.FromMinutes(29)); // 09:59
        Assert.Equal(0, await _h.DispatchAsync());
        _h.App.Clock.Advance(TimeSpan.FromMinutes(1)); // 10:00
        Assert.Equal(4, await _h.DispatchAsync());

        var mail = Assert.Single(Mails());
        Assert.Equal("UpworkAssist digest: 3 new matches", mail.Subject);
        var text = mail.TextBody ?? "";
        Assert.True(
            text.IndexOf("== API work ==", StringComparison.Ordinal)
                < text.IndexOf("== Blazor work ==", StringComparison.Ordinal)
        );
        Assert.Contains("<h2>Blazor work</h2>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_hours_in_the_routes_time_zone_hold_alerts_until_they_end()
    {
        // 22:00–07:00 in Berlin; the fake clock starts at 09:00 UTC = 10:00 Berlin.
        await _h.AddEmailRouteAsync(
            "blazor",
            "night@example.test",
            r =>
            {
                r.TimeZone = "Europe/Berlin";
                r.QuietFrom = new TimeOnly(22, 0);
                r.QuietTo = new TimeOnly(7, 0);
            }
        );
        _h.App.Clock.Advance(TimeSpan.FromHours(13)); // 22:00 UTC = 23:00 Berlin
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));
        var held = (await _h.AlertsAsync(AlertChannel.Email)).Single();
        Assert.Equal(AlertStatus.Held, held.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero), held.DueAt); // 07:00 Berlin

        _h.App.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _h.DispatchAsync());
        _h.App.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _h.DispatchAsync());
        Assert.Single(Mails());
    }
}
