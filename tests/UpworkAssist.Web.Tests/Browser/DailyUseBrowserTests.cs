using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Browser;

/// <summary>
/// The defects a new team met in daily use (issue 17), each driven as its user meets it, in real
/// Chromium over one lived-in store. Tests share a page per role, so each leaves it where it can.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class DailyUseBrowserTests(DailyUseApp app) : IClassFixture<DailyUseApp>
{
    [SkippableFact]
    public async Task After_a_refused_approval_the_editor_carries_the_current_version_and_counts_as_the_server_does()
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(Roles.Freelancer);
        var id = app.DraftOf[Roles.Freelancer];
        await page.GotoAsync($"/Drafts/Edit?id={id}");
        var text = page.GetByLabel("Proposal text");
        var title = await app.WithScopeAsync(sp => sp.GetRequiredService<Data.AppDbContext>().Postings.Where(p => p.Id == app.AssignedPostingId).Select(p => p.Title).SingleAsync());
        var opening = $"Hi, I can take on “{title}” this week.";

        // Approve pressed straight after an edit that still has a placeholder: the edit is saved
        // (a new version), the approval refused.
        await text.FillAsync(opening + "\n\nFirst step: a call about the scope.\n\n{{proof_link}}\n\nAlice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("error")).ToBeVisibleAsync();
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<Data.AppDbContext>().Drafts.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal(stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#draft-form input[name=Version]").InputValueAsync());
        // The counter the server drew equals what the browser counts for the same text.
        Assert.Equal(await text.EvaluateAsync<int>("t => t.value.trim().length"), int.Parse(await page.Locator("#draft-length").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture));

        // Fixing the text autosaves (the version is current) and Approve now goes through.
        await text.FillAsync(opening + "\n\nFirst step: a call about the scope.\n\nAlice");
        await Assertions.Expect(page.GetByTestId("autosave-state")).ToContainTextAsync("Saved version");
        await Assertions.Expect(page.Locator("#draft-checks li.check-fail")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("draft-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(page.Locator("main .alert")).ToHaveCountAsync(1);
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }
}
