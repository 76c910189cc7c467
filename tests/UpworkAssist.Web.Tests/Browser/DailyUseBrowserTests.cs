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

    [SkippableFact]
    public async Task The_status_counts_follow_an_action_taken_without_a_reload()
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(Roles.Lead);
        await page.GotoAsync("/Queue");
        var status = page.GetByTestId("status-filter");
        var newCount = await CountAsync(status, "New");
        var shortlisted = await CountAsync(status, "Shortlisted");
        await page.EvaluateAsync("() => window.__stayed = true");

        var row = page.GetByTestId("queue-row").First;
        await row.GetByRole(AriaRole.Button, new() { Name = "Shortlist" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("status")).ToHaveTextAsync("Shortlisted");
        await Assertions.Expect(status.Locator("option", new() { HasTextString = "New (" })).ToHaveTextAsync($"New ({newCount - 1})");
        await Assertions.Expect(status.Locator("option", new() { HasTextString = "Shortlisted (" })).ToHaveTextAsync($"Shortlisted ({shortlisted + 1})");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__stayed === true"));
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }

    private static async Task<int> CountAsync(ILocator select, string status)
    {
        var text = await select.Locator("option", new() { HasTextString = status + " (" }).TextContentAsync() ?? "";
        return int.Parse(text[(status.Length + 2)..^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public async Task A_lane_preview_answers_where_the_button_is_and_pages_its_lists()
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(Roles.Lead);
        await page.GotoAsync("/Lanes/Edit?id=react");
        await page.GetByLabel("Min fixed budget (USD)").FillAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview on stored postings" }).ClickAsync();
        var summary = page.GetByTestId("preview-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Newly matched:");
        await Assertions.Expect(summary).ToBeInViewportAsync();
        Assert.InRange(await page.GetByTestId("preview").Locator("tbody tr").CountAsync(), 1, 25);

        // The matches list, a page at a time: the next page keeps the unsaved floor.
        await page.GetByLabel("Show").SelectOptionAsync("others");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-page")).ToContainTextAsync("Page 1 of");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next 25" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-page")).ToContainTextAsync("Page 2 of");
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByLabel("Min fixed budget (USD)")).ToHaveValueAsync("50");
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }

    [SkippableFact]
    public async Task A_new_lane_id_follows_its_name_until_it_is_edited()
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(Roles.Lead);
        await page.GotoAsync("/Lanes/Edit");
        var id = page.GetByLabel("Id", new() { Exact = true });
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Go & Rust services");
        await Assertions.Expect(id).ToHaveValueAsync("go-rust-services");
        await id.FillAsync("systems");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Go and Rust services");
        await Assertions.Expect(id).ToHaveValueAsync("systems");
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }
}
