using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Tests.Features.Drafts;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class DraftBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Final =
        "Hi there, I fix Stripe webhook retries in ASP.NET Core APIs every week.\n\nFirst step: an idempotency key "
        + "per event.\n\nhttps://www.loom.com/share/demo1\n\nFreya";

    [SkippableFact]
    public async Task A_freelancer_drafts_edits_with_live_checks_approves_copies_and_records_the_send()
    {
        BrowserApp.SkipWithoutChromium();
        var user = await app.CreateUserAsync("freya@example.test", "Freelancer");
        await app.WithDbAsync(async db =>
        {
            db.FreelancerProfiles.Add(
                new FreelancerProfile
                {
                    UserId = user.Id,
                    Skills = "C#, Stripe",
                    Bio = "I fix payment back ends.",
                    UpdatedAt = app.Clock.GetUtcNow(),
                }
            );
            await db.SaveChangesAsync();
        });
        var posting = await DraftsTestData.SeedPostingAsync(app, "~01browserdraft");
        // A lead assigned it to her: a freelancer drafts only for her own jobs.
        await app.WithDbAsync(db =>
            db.Matches.Where(m => m.PostingId == posting.Id)
                .ExecuteUpdateAsync(s =>
                    s.SetProperty(m => m.AssigneeId, user.Id).SetProperty(m => m.Status, MatchStatus.Assigned)
                )
        );
        var page = await app.NewPageAsync();

        await app.SignInAsync(page, "freya@example.test");

        // Draft: from the matched job on /Drafts.
        await page.GotoAsync("/Drafts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Draft a proposal" }).ClickAsync();
        await page.WaitForURLAsync("**/Drafts/New?postingId=*", BrowserApp.Committed);
        await page.GetByRole(AriaRole.Button, new() { Name = "Write the draft" }).ClickAsync();
        await page.WaitForURLAsync("**/Drafts/Edit?id=*", BrowserApp.Committed);

        // The template left {{proof_link}} unfilled (no proof chosen): the checklist says so.
        var placeholders = page.Locator("#draft-checks li[data-code=placeholders]");
        await Assertions.Expect(placeholders).ToHaveClassAsync("check-fail");

        // Edit: autosave runs, every check turns green, the phone preview follows the text.
        await page.GetByLabel("Proposal text").FillAsync(Final);
        await Assertions.Expect(page.GetByTestId("autosave-state")).ToContainTextAsync("Saved version");
        await Assertions.Expect(placeholders).ToHaveClassAsync("check-pass");
        await Assertions.Expect(page.Locator("#draft-checks li.check-fail")).ToHaveCountAsync(0);
        await Assertions
            .Expect(page.GetByTestId("phone-preview"))
            .ToContainTextAsync("Hi there, I fix Stripe webhook retries");

        // Approve, then copy.
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("draft-status")).ToHaveTextAsync("Approved");
        await Assertions
            .Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open job on Upwork" }))
            .ToHaveAttributeAsync("href", posting.Url!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy text" }).ClickAsync();
        await Assertions
            .Expect(page.GetByTestId("copy-state"))
            .ToHaveTextAsync("Copied. Paste it into the proposal on Upwork.");

        // "I sent it" records the proposal.
        await page.GetByLabel("Connects spent (optional)").FillAsync("14");
        await page.GetByRole(AriaRole.Button, new() { Name = "I sent it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sent")).ToBeVisibleAsync();

        await app.WithDbAsync(async db =>
        {
            var proposal = await db.Proposals.SingleAsync(p => p.FreelancerId == user.Id);
            Assert.Equal(Final, proposal.FinalText);
            Assert.Equal(14, proposal.ConnectsSpent);
            Assert.True(proposal.EditDistance > 0);
            Assert.Contains(
                await db.AuditEvents.Where(a => a.ActorId == user.Id).Select(a => a.Action).ToListAsync(),
                a => a == "draft.copied"
            );
        });
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }
}
