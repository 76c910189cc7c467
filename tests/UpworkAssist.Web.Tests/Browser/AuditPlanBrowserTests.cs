using Microsoft.Playwright;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class AuditPlanBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableFact]
    public async Task A_lead_works_through_the_audit_plan_and_the_team_sees_the_progress()
    {
        BrowserApp.SkipWithoutChromium();
        await app.CreateUserAsync("lead-plan@example.test", "Lead");
        await app.CreateUserAsync("manager-plan@example.test", "Manager");
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "lead-plan@example.test");

        await page.GetByRole(AriaRole.Link, new() { Name = "Compliance", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/Compliance", BrowserApp.Committed);
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit plan" }).ClickAsync();
        await page.WaitForURLAsync("**/Compliance/AuditPlan", BrowserApp.Committed);
        await Assertions.Expect(page.GetByTestId("plan-progress")).ToHaveTextAsync("0 of 7 steps done");

        // Day 1 leads to the inventory, where UpworkAssist already lists itself as safe.
        var day1 = page.Locator("[data-step=list-tools]");
        await day1.GetByRole(AriaRole.Link, new() { Name = "Go there" }).ClickAsync();
        await page.WaitForURLAsync("**/Compliance/Inventory", BrowserApp.Committed);
        await Assertions.Expect(page.Locator("[data-tool=UpworkAssist] [data-tag]")).ToHaveTextAsync("Safe");
        await page.GoBackAsync();

        await page.Locator("[data-step=list-tools]")
            .GetByLabel("Note for day 1")
            .FillAsync("Three extensions and one sheet listed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark day 1 done" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-progress")).ToHaveTextAsync("1 of 7 steps done");
        await Assertions.Expect(page.Locator("[data-step=list-tools]")).ToHaveAttributeAsync("data-done", "true");
        await Assertions
            .Expect(page.Locator("[data-step=list-tools]"))
            .ToContainTextAsync("by lead-plan@example.test: Three extensions and one sheet listed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark day 2 done" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-progress")).ToHaveTextAsync("2 of 7 steps done");
        await page.Locator("[data-step=tag-tools]").GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-progress")).ToHaveTextAsync("1 of 7 steps done");

        // Progress belongs to the team: a Manager sees it, read-only.
        var manager = await app.NewPageAsync();
        await app.SignInAsync(manager, "manager-plan@example.test");
        await manager.GotoAsync("/Compliance/AuditPlan");
        await Assertions.Expect(manager.GetByTestId("plan-progress")).ToHaveTextAsync("1 of 7 steps done");
        Assert.Equal(0, await manager.GetByRole(AriaRole.Button, new() { Name = "Mark day 3 done" }).CountAsync());

        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }
}
