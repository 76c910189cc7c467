using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Features.Queue;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Home;

/// <summary>
/// The home page says what needs each role, every line a link to the filtered page; the Admin's first hour.
/// </summary>
public sealed class HomePageTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_lead_sees_new_matches_per_lane_since_the_last_visit_and_a_reload_soon_after_keeps_them()
    {
        var lead = await _app.SignedInAsync(Roles.Lead);
        await QueueSeed.MatchesAsync(
            _app,
            "dotnet",
            QueueSeed.Posting(_app, "~home-1", "Payments API"),
            QueueSeed.Posting(_app, "~home-2", "Billing API")
        );

        var html = await lead.GetStringAsync("/");
        Assert.Contains("New in .NET", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Queue?lane=dotnet\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Queue?expiring=true\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Drafts?status=awaiting\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Queue?status=Snoozed\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Feed/Status\"", html, StringComparison.Ordinal);
        Assert.Contains("Best by score:", html, StringComparison.Ordinal);

        // A reload within the visit still counts from the visit before.
        Assert.Contains("New in .NET", await lead.GetStringAsync("/"), StringComparison.Ordinal);

        // The next visit counts from this one: nothing new since.
        _app.Clock.Advance(TimeSpan.FromMinutes(31));
        var later = await lead.GetStringAsync("/");
        Assert.DoesNotContain("New in .NET", later, StringComparison.Ordinal);
        Assert.Contains("New matches since your last visit", later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expiring_jobs_without_a_decision_are_a_queue_filter()
    {
        var lead = await _app.SignedInAsync(Roles.Lead);
        var old = QueueSeed.Posting(_app, "~expiring", "Old unanswered job");
        old.FetchedAt = _app.Clock.GetUtcNow().AddHours(-22);
        await QueueSeed.MatchesAsync(_app, "dotnet", old, QueueSeed.Posting(_app, "~fresh", "Fresh job"));

        var html = await lead.GetStringAsync("/Queue?expiring=true");
        Assert.Contains("Old unanswered job", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Fresh job", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_freelancer_sees_the_job_assigned_without_a_draft_and_a_manager_this_week()
    {
        var alice = await _app.CreateUserAsync("alice@example.test", Roles.Freelancer);
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~mine", "Assigned job"));
        await _app.WithDbAsync(db =>
            db.Matches.Where(m => m.Id == ids[0])
                .ExecuteUpdateAsync(m =>
                    m.SetProperty(x => x.AssigneeId, alice.Id).SetProperty(x => x.Status, MatchStatus.Assigned)
                )
        );
        var freelancer = _app.Browser();
        await freelancer.LoginAsync("alice@example.test", TestApp.Password);
        var html = await freelancer.GetStringAsync("/");
        Assert.Contains("data-role=\"Freelancer\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Drafts/New?postingId=~mine\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Drafts?status=Editing\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-role=\"Lead\"", html, StringComparison.Ordinal);

        var manager = await _app.SignedInAsync(Roles.Manager);
        var week = await manager.GetStringAsync("/");
        Assert.Contains("Reply rate this week", week, StringComparison.Ordinal);
        Assert.Contains("href=\"/Analytics?from=2026-11-23&amp;to=2026-11-28\"", week, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_has_the_first_hour_until_dismissed_and_steps_tick_from_the_store()
    {
        var admin = await _app.SignedInAsync(Roles.Admin);
        var html = await admin.GetStringAsync("/");
        Assert.Contains("data-testid=\"checklist\"", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"invite-team\" data-done=\"false\"", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"setup-feed\"", html, StringComparison.Ordinal);

        await _app.CreateUserAsync("lee@example.test", Roles.Lead);
        Assert.Contains(
            "data-key=\"invite-team\" data-done=\"true\"",
            await admin.GetStringAsync("/"),
            StringComparison.Ordinal
        );

        var dismissed = await admin.SubmitToAsync("/", "/?handler=DismissChecklist");
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.DoesNotContain("data-testid=\"checklist\"", await admin.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.True(
            await _app.WithScopeAsync(sp =>
                sp.GetRequiredService<AppDbContext>().AuditEvents.AnyAsync(a => a.Action == "home.checklist_dismissed")
            )
        );
    }

    [Fact]
    public async Task Browser_notifications_are_a_choice_kept_on_the_account_and_carried_to_every_page()
    {
        var lead = await _app.SignedInAsync(Roles.Lead);
        Assert.DoesNotContain("data-notify=\"on\"", await lead.GetStringAsync("/"), StringComparison.Ordinal);
        var on = await lead.SubmitAsync("/Account/Notifications", ("On", "true"));
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Contains(
            "Notifications are <strong>on</strong>",
            await lead.GetStringAsync("/Account/Notifications"),
            StringComparison.Ordinal
        );
        Assert.Contains("data-notify=\"on\"", await lead.GetStringAsync("/Queue"), StringComparison.Ordinal);
    }
}
