using Microsoft.Playwright;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class FirstRunBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableFact]
    public async Task A_newcomer_sets_up_signs_in_finds_every_area_creates_a_token_and_signs_out()
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.NewPageAsync();

        await page.GotoAsync("/Queue");
        Assert.EndsWith("/Setup", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("E-mail").FillAsync("owner@example.test");
        await page.GetByLabel("Display name").FillAsync("Olive Owner");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestApp.Password);
        await page.GetByLabel("Password again").FillAsync(TestApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the Admin" }).ClickAsync();

        await page.WaitForURLAsync("**/Account/Login", BrowserApp.Committed);
        await page.GetByLabel("E-mail").FillAsync("owner@example.test");
        await page.GetByLabel("Password").FillAsync(TestApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/", BrowserApp.Committed);

        foreach (var area in new[] { "Queue", "Lanes", "Drafts", "Pipeline", "Analytics", "Compliance", "Admin" })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = area, Exact = true }).First.ClickAsync();
            await page.WaitForURLAsync($"**/{area}", BrowserApp.Committed);
            await Assertions.Expect(page.Locator("h1").First).ToHaveTextAsync(area);
        }

        // The account menu is a Bootstrap dropdown: it only works if our script loads under the CSP.
        await page.Locator(".dropdown-toggle", new() { HasText = "Olive Owner" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Access tokens" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Browser test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var token = await page.Locator("[data-testid=new-token]").InnerTextAsync();
        Assert.StartsWith("uat_", token, StringComparison.Ordinal);

        await page.Locator(".dropdown-toggle", new() { HasText = "Olive Owner" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/Login", BrowserApp.Committed);
        await page.GotoAsync("/Admin");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);

        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }
}

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class NavigationBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableFact]
    public async Task Phone_width_collapses_the_navigation_behind_a_working_menu_button()
    {
        BrowserApp.SkipWithoutChromium();
        await app.CreateUserAsync("lead-phone@example.test", "Lead");
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync("lead-phone@example.test");
        await page.GetByLabel("Password").FillAsync(TestApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/", BrowserApp.Committed);

        var queue = page.GetByRole(AriaRole.Link, new() { Name = "Queue", Exact = true }).First;
        Assert.False(await queue.IsVisibleAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await queue.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).CountAsync());
    }
}
