using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Compliance;

/// <summary>
/// The quarterly review job on the fake clock, reminding through a real SMTP server (netDumbster) and a fake Slack.
/// </summary>
[Collection("Routing")]
#pragma warning disable CA1001 // xUnit disposes it through IAsyncLifetime.DisposeAsync
public sealed class QuarterlyReviewTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private AdminInbox _inbox = null!;
    private FakeSlack _slack = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _inbox = await AdminInbox.StartAsync();
        _slack = _inbox.Slack;
        _app = new ComplianceTestApp(_inbox.Settings("review@upworkassist.test"));
        _slack.Clock = _app.Clock;
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _inbox.DisposeAsync();
    }

    private List<MimeMessage> Mails() => _inbox.Mails();

    private Task<ComplianceReview> RunJobAsync() =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<QuarterlyReviewJob>().RunAsync(CancellationToken.None));

    private async Task<HttpClient> AdminAsync(string email)
    {
        await _app.CreateUserAsync(email, "Admin");
        var browser = _app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email, TestApp.Password)).StatusCode);
        return browser;
    }

    [Fact]
    public async Task The_job_opens_the_quarters_review_reminds_enabled_admins_by_their_routes_until_it_is_completed()
    {
        var admin = await AdminAsync("olive@example.test");
        var disabled = await _app.CreateUserAsync("gone@example.test", "Admin");
        await _app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var u = await users.FindByIdAsync(disabled.Id);
            u!.IsDisabled = true;
            return await users.UpdateAsync(u);
        });
        await _app.CreateUserAsync("lead@example.test", "Lead");
        var saved = await admin.SubmitToAsync(
            "/Compliance/Review",
            "/Compliance/Review?handler=Routes",
            ("EmailAdmins", "true"),
            ("SlackSecret", _slack.WebhookUrl("T1/B1/review")),
            ("SlackChannel", "")
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var review = await RunJobAsync();
        Assert.Equal("2026-Q4", review.Quarter);
        Assert.Equal(_app.Clock.GetUtcNow(), review.LastRemindedAt);
        var mail = Assert.Single(Mails());
        Assert.Equal("olive@example.test", mail.To.Mailboxes.Single().Address); // not the disabled Admin, not the Lead
        Assert.Equal("UpworkAssist: the 2026-Q4 compliance review is due", mail.Subject);
        Assert.Contains("https://assist.example.test/Compliance/Review", mail.TextBody, StringComparison.Ordinal);
        var slack = Assert.Single(_slack.Requests);
        Assert.Equal("webhook", slack.Kind);
        Assert.Contains("2026-Q4", slack.Body, StringComparison.Ordinal);

        _app.Clock.Advance(TimeSpan.FromDays(6));
        await RunJobAsync();
        Assert.Single(Mails()); // within the reminder interval: no second reminder
        _app.Clock.Advance(TimeSpan.FromDays(1));
        await RunJobAsync();
        Assert.Equal(2, Mails().Count);
        Assert.Equal(2, _slack.Requests.Count);

        admin = _app.Browser(); // a week later: sign in again
        await admin.LoginAsync("olive@example.test", TestApp.Password);
        var blank = await admin.SubmitToAsync(
            "/Compliance/Review",
            "/Compliance/Review?handler=Complete",
            ("Notes", "  ")
        );
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode); // notes are required
        var done = await admin.SubmitToAsync(
            "/Compliance/Review",
            "/Compliance/Review?handler=Complete",
            ("Notes", "Disabled the old bid extension; terms unchanged.")
        );
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        _app.Clock.Advance(TimeSpan.FromDays(8));
        var completed = await RunJobAsync();
        Assert.Equal("olive@example.test", completed.CompletedByName);
        Assert.Equal("Disabled the old bid extension; terms unchanged.", completed.Notes);
        Assert.Equal(_app.Clock.GetUtcNow().AddDays(-8), completed.CompletedAt);
        Assert.Equal(2, Mails().Count); // a completed review reminds nobody

        _app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 30, 0, TimeSpan.Zero));
        var next = await RunJobAsync();
        Assert.Equal("2027-Q1", next.Quarter);
        Assert.Equal(3, Mails().Count);
        await _app.WithDbAsync(async db =>
        {
            var actions = await db
                .AuditEvents.Where(a => a.SubjectType == "review")
                .Select(a => a.Action)
                .ToListAsync();
            Assert.Equal(2, actions.Count(a => a == "compliance.review_opened"));
            Assert.Equal(1, actions.Count(a => a == "compliance.review_completed"));
            // opening, a week later, next quarter
            Assert.Equal(3, actions.Count(a => a == "compliance.review_reminded"));
        });
        admin = _app.Browser(); // the clock moved past the sign-in's lifetime
        await admin.LoginAsync("olive@example.test", TestApp.Password);
        var page = await admin.GetStringAsync("/Compliance/Review");
        Assert.Contains("Disabled the old bid extension", page, StringComparison.Ordinal);
        Assert.DoesNotContain("T1/B1/review", page, StringComparison.Ordinal); // the webhook is a secret
    }

    [Fact]
    public async Task A_reminder_that_reached_nobody_is_tried_again_at_the_next_run()
    {
        await _app.CreateUserAsync("olive@example.test", "Admin");
        _inbox.StopMail();

        var first = await RunJobAsync();
        Assert.Null(first.LastRemindedAt);
        Assert.Contains("e-mail olive@example.test: failed", first.LastReminder, StringComparison.Ordinal);

        _inbox.StartMail();
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var second = await RunJobAsync();
        Assert.Equal(_app.Clock.GetUtcNow(), second.LastRemindedAt);
        Assert.Single(Mails());
    }

    [Fact]
    public async Task Only_admins_complete_the_review_or_choose_its_routes()
    {
        var lead = _app.Browser();
        await _app.CreateUserAsync("lead@example.test", "Lead");
        await lead.LoginAsync("lead@example.test", TestApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/Compliance/Review")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await lead.SubmitToAsync("/Compliance/Review", "/Compliance/Review?handler=Complete", ("Notes", "x"))
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await lead.SubmitToAsync(
                    "/Compliance/Review",
                    "/Compliance/Review?handler=Routes",
                    ("EmailAdmins", "false")
                )
            ).StatusCode
        );
    }
}
