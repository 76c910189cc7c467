using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Compliance;

/// <summary>
/// The feed watch job on the fake clock, over the real feed against the fake marketplace: gaps and
/// an ageing refresh token reach the Admins through a real SMTP server (netDumbster) and a fake Slack.
/// </summary>
[Collection("Routing")]
public sealed class FeedWatchTests : IAsyncLifetime
{
    private AdminInbox _inbox = null!;

    public async Task InitializeAsync() => _inbox = await AdminInbox.StartAsync();

    public async Task DisposeAsync() => await _inbox.DisposeAsync();

    private async Task<FeedHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var all = _inbox.Settings("feed@upworkassist.test");
        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }
        var h = await FeedHarness.StartAsync(all);
        ComplianceTestApp.WithoutRealTimeJobs(h.App.Services);
        _inbox.Slack.Clock = h.App.Clock;
        return h;
    }

    private List<MimeMessage> Mails() => _inbox.Mails();

    private static Task<FeedWatchJob.Result> RunJobAsync(FeedHarness h) =>
        h.WithAsync(sp => sp.GetRequiredService<FeedWatchJob>().RunAsync(CancellationToken.None));

    private static Task<List<FeedGap>> GapsAsync(FeedHarness h) =>
        h.WithAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeedGaps.AsNoTracking().OrderBy(g => g.Id).ToListAsync()
        );

    private static Task<List<string>> AuditAsync(FeedHarness h, string action) =>
        h.WithAsync(sp =>
            sp.GetRequiredService<AppDbContext>()
                .AuditEvents.Where(a => a.Action == action)
                .Select(a => a.SubjectId!)
                .ToListAsync()
        );

    [Fact]
    public async Task Each_gap_is_told_to_the_admins_exactly_once_by_email_and_slack()
    {
        await using var h = await StartAsync(
            new() { ["Upwork:SearchResultCap"] = "9", ["Upwork:MaxPagesPerPoll"] = "10" }
        );
        await h.App.CreateUserAsync("olive@example.test", "Admin");
        var admin = h.App.Browser();
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await admin.LoginAsync("olive@example.test", TestApp.Password)).StatusCode
        );
        var saved = await admin.SubmitToAsync(
            "/Compliance/Review",
            "/Compliance/Review?handler=Routes",
            ("EmailAdmins", "true"),
            ("SlackSecret", _inbox.Slack.WebhookUrl("T1/B1/feed")),
            ("SlackChannel", "")
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        h.Publish(2);
        Assert.Null((await h.PollAsync()).Error);

        // Two failing polls make one open gap; it is news only once it stayed open for the delay.
        for (var i = 0; i < 10; i++)
        {
            h.Fake.ThenStatus(503, "<html>down</html>");
        }
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull((await h.PollAsync()).Error);
        Assert.Equal(0, (await RunJobAsync(h)).GapsAlerted);
        h.App.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.NotNull((await h.PollAsync()).Error);
        Assert.Empty(Mails());

        var told = await RunJobAsync(h);
        Assert.Equal(1, told.GapsAlerted);
        var gap = Assert.Single(await GapsAsync(h));
        Assert.Equal(h.App.Clock.GetUtcNow(), gap.AdminsAlertedAt);
        var mail = Assert.Single(Mails());
        Assert.Equal("olive@example.test", mail.To.Mailboxes.Single().Address);
        Assert.Equal(
            $"UpworkAssist: from {gap.From.UtcDateTime:yyyy-MM-dd HH:mm} UTC to "
                + $"{gap.To.UtcDateTime:yyyy-MM-dd HH:mm} UTC the feed may be incomplete",
            mail.Subject
        );
        Assert.Contains("polls are failing", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://assist.example.test/Feed/Status", mail.TextBody, StringComparison.Ordinal);
        var slack = Assert.Single(_inbox.Slack.Requests);
        Assert.Equal("webhook", slack.Kind);
        Assert.Contains("The feed may be incomplete.", slack.Body, StringComparison.Ordinal);

        // The same gap growing, later runs, and the poll that reads it again: nothing more.
        h.App.Clock.Advance(TimeSpan.FromMinutes(5));
        await RunJobAsync(h);
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        while ((await h.PollAsync()).Error is not null)
        {
            h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.NotNull(Assert.Single(await GapsAsync(h)).ClosedAt);
        await RunJobAsync(h);
        Assert.Single(Mails());
        Assert.Single(_inbox.Slack.Requests);

        // A new gap (a burst past the result cap) is told once too.
        h.Fake.ResultCap = 9;
        h.App.Clock.Advance(TimeSpan.FromMinutes(30));
        h.Publish(20, "~01flood", minuteOffset: 60);
        Assert.Null((await h.PollAsync()).Error);
        Assert.Equal(1, (await RunJobAsync(h)).GapsAlerted);
        Assert.Equal(0, (await RunJobAsync(h)).GapsAlerted);
        Assert.Equal(2, Mails().Count);
        Assert.Single(
            Mails(),
            m => m.TextBody?.Contains("the search stopped at its result cap", StringComparison.Ordinal) == true
        );
        Assert.Equal(2, _inbox.Slack.Requests.Count);
        var gaps = await GapsAsync(h);
        Assert.Equal(
            gaps.Select(g => g.Id.ToString(CultureInfo.InvariantCulture)),
            await AuditAsync(h, "compliance.feed_gap_alerted")
        );
    }

    [Fact]
    public async Task An_ageing_refresh_token_is_told_once_until_the_next_refresh_and_an_undelivered_alert_is_retried()
    {
        await using var h = await StartAsync();
        await h.App.CreateUserAsync("olive@example.test", "Admin");
        h.Publish(1);
        Assert.Null((await h.PollAsync()).Error); // connects: the configured refresh token is used and rotated
        Assert.False((await RunJobAsync(h)).TokenAlerted);

        h.App.Clock.Advance(TimeSpan.FromDays(10));
        _inbox.StopMail();
        var undelivered = await RunJobAsync(h);
        Assert.False(undelivered.TokenAlerted);
        Assert.Contains(
            "e-mail olive@example.test: failed",
            string.Join(" ", undelivered.Summaries),
            StringComparison.Ordinal
        );
        Assert.Null(await AlertedAtAsync(h));

        _inbox.StartMail();
        h.App.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await RunJobAsync(h)).TokenAlerted);
        Assert.Equal(h.App.Clock.GetUtcNow(), await AlertedAtAsync(h));
        var mail = Assert.Single(TokenMails());
        Assert.Equal("UpworkAssist: the marketplace connection expires in about 4 days", mail.Subject);
        Assert.Contains("https://assist.example.test/Admin/Feed/Connection", mail.TextBody, StringComparison.Ordinal);

        h.App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.False((await RunJobAsync(h)).TokenAlerted);
        Assert.Single(TokenMails());

        // A poll refreshes the grant: the next ageing is a new alert.
        Assert.Null((await h.PollAsync()).Error);
        Assert.Null(await AlertedAtAsync(h));
        Assert.False((await RunJobAsync(h)).TokenAlerted);
        h.App.Clock.Advance(TimeSpan.FromDays(14));
        Assert.True((await RunJobAsync(h)).TokenAlerted);
        Assert.False((await RunJobAsync(h)).TokenAlerted);
        Assert.Equal(
            [
                "UpworkAssist: the marketplace connection expires in about 4 days",
                "UpworkAssist: the marketplace connection has expired",
            ],
            TokenMails().Select(m => m.Subject).Order(StringComparer.Ordinal)
        ); // the server keeps no order
        Assert.Equal(2, (await AuditAsync(h, "compliance.token_age_alerted")).Count);
    }

    private List<MimeMessage> TokenMails() =>
        Mails().Where(m => m.Subject?.Contains("marketplace connection", StringComparison.Ordinal) == true).ToList();

    private static Task<DateTimeOffset?> AlertedAtAsync(FeedHarness h) =>
        h.WithAsync(sp =>
            sp.GetRequiredService<AppDbContext>().MarketplaceConnections.Select(c => c.TokenAgeAlertedAt).SingleAsync()
        );
}
