using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Drafts;

/// <summary>
/// The human pace guard on a fake clock: warning from 80% of the cap, block at 100%, an audited lift for the day.
/// </summary>
public sealed class PaceGuardTests : IDisposable
{
    private const string Fixed = "Hi there, I fix Stripe webhook retries in ASP.NET Core APIs.\n\nAda";
    private readonly TestApp _app = new(new() { ["Drafts:DailyProposalCap"] = "5" });

    public void Dispose() => _app.Dispose();

    private Task RecordEarlierAsync(string userId, int count, DateTimeOffset at) =>
        _app.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                db.Proposals.Add(
                    new Proposal
                    {
                        PostingId = $"earlier{i}",
                        FreelancerId = userId,
                        SentAt = at,
                        UpdatedAt = at,
                    }
                );
            }
            await db.SaveChangesAsync();
        });

    private async Task<long> ApprovedDraftAsync(HttpClient browser, string postingId)
    {
        await DraftsTestData.SeedPostingAsync(_app, postingId);
        var id = await DraftsTestData.StartDraftAsync(_app, browser, postingId);
        var approve = await DraftsTestData.ApproveAsync(_app, browser, id, Fixed);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        return id;
    }

    [Fact]
    public async Task Warns_from_80_percent_blocks_at_the_cap_and_a_lead_lifts_it_for_the_day_with_an_audited_reason()
    {
        var (browser, user) = await DraftsTestData.SignInAsync(_app);
        var (lead, _) = await DraftsTestData.SignInAsync(_app, "Lead");
        // Yesterday's proposals do not count today.
        await RecordEarlierAsync(user.Id, 9, _app.Clock.GetUtcNow().AddDays(-1));
        await RecordEarlierAsync(user.Id, 3, _app.Clock.GetUtcNow().AddHours(-1));
        Assert.Contains(
            "Today: 3 of 5 proposals recorded.",
            await browser.GetStringAsync("/Drafts"),
            StringComparison.Ordinal
        );

        var first = await ApprovedDraftAsync(browser, "~01pace1");
        Assert.Equal(HttpStatusCode.Redirect, (await DraftsTestData.PostEditAsync(browser, first, "Sent")).StatusCode);
        Assert.Contains("close to the daily cap", await browser.GetStringAsync("/Drafts"), StringComparison.Ordinal);

        var second = await ApprovedDraftAsync(browser, "~01pace2");
        Assert.Equal(HttpStatusCode.Redirect, (await DraftsTestData.PostEditAsync(browser, second, "Sent")).StatusCode);

        var third = await ApprovedDraftAsync(browser, "~01pace3");
        var blocked = await DraftsTestData.PostEditAsync(browser, third, "Sent");
        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        Assert.Contains("the daily cap of 5", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Approved, (await DraftsTestData.DraftAsync(_app, third)).Status);

        // A lift needs a written reason.
        var noReason = await lead.SubmitToAsync(
            "/Drafts/Team",
            "/Drafts/Team?handler=Lift",
            ("Input.UserId", user.Id),
            ("Input.Reason", "")
        );
        Assert.Contains(
            "Write why the cap is lifted today.",
            await noReason.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        var lifted = await lead.SubmitToAsync(
            "/Drafts/Team",
            "/Drafts/Team?handler=Lift",
            ("Input.UserId", user.Id),
            ("Input.Reason", "Client event: three invited jobs today")
        );
        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await DraftsTestData.PostEditAsync(browser, third, "Sent")).StatusCode);
        await _app.WithDbAsync(async db =>
        {
            var audit = await db.AuditEvents.SingleAsync(a => a.Action == "pace.lifted");
            Assert.Equal(user.Id, audit.SubjectId);
            Assert.Contains("Client event: three invited jobs today", audit.Details, StringComparison.Ordinal);
            Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "pace.blocked"));
        });

        // The lift is for that day only.
        _app.Clock.Advance(TimeSpan.FromDays(1));
        await RecordEarlierAsync(user.Id, 5, _app.Clock.GetUtcNow());
        // (Checked on the service: the sign-in cookie does not outlive a day on the fake clock.)
        var next = await _app.WithScopeAsync(sp =>
            sp.GetRequiredService<PaceGuard>().StatusAsync(user.Id, CancellationToken.None)
        );
        Assert.Equal((5, PaceLevel.Blocked), (next.SentToday, next.Level));
    }

    [Fact]
    public async Task A_freelancer_cannot_open_the_team_page_to_lift_their_own_cap()
    {
        var (browser, _) = await DraftsTestData.SignInAsync(_app);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Drafts/Team")).StatusCode);
    }
}
