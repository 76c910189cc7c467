using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Tests.Features.Queue;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Browser;

/// <summary>The lead's triage flow in real Chromium: keyboard, htmx row updates, assignment, phone width.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class QueueBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> SignInAsync(string email, params string[] roles)
    {
        await app.CreateUserAsync(email, roles);
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, email);
        return page;
    }

    private static ILocator Row(IPage page, long id) => page.Locator($"#match-{id}");

    [SkippableFact]
    public async Task A_lead_triages_with_the_keyboard_and_the_page_never_reloads()
    {
        BrowserApp.SkipWithoutChromium();
        var ids = await QueueSeed.MatchesAsync(
            app,
            "dotnet",
            QueueSeed.Posting(app, "~k1", "Keyboard one"),
            QueueSeed.Posting(app, "~k2", "Keyboard two"),
            QueueSeed.Posting(app, "~k3", "Keyboard three")
        );
        var page = await SignInAsync("keys@example.test", "Lead");
        await page.GotoAsync("/Queue?lane=dotnet");
        await Assertions.Expect(Row(page, ids[2])).ToBeVisibleAsync();
        // A marker on window survives htmx swaps but not a reload.
        await page.EvaluateAsync("() => window.__stayed = true");

        // Newest first: k3, k2, k1. j selects the first; s shortlists it and moves on; d dismisses the next.
        await page.Keyboard.PressAsync("j");
        await Assertions
            .Expect(Row(page, ids[2]))
            .ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-current"));
        await page.Keyboard.PressAsync("s");
        await Assertions.Expect(Row(page, ids[2]).Locator("[data-testid=status]")).ToHaveTextAsync("Shortlisted");
        await Assertions
            .Expect(Row(page, ids[1]))
            .ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-current"));
        await page.Keyboard.PressAsync("d");
        await Assertions.Expect(Row(page, ids[1]).Locator("[data-testid=status]")).ToHaveTextAsync("Dismissed");
        // d moved on to k1; k goes back up to k2.
        await Assertions
            .Expect(Row(page, ids[0]))
            .ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-current"));
        await page.Keyboard.PressAsync("k");
        await Assertions
            .Expect(Row(page, ids[1]))
            .ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-current"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__stayed === true"));

        // m opens the shared panel for the current job (k2, dismissed): snooze it from there.
        await page.Keyboard.PressAsync("m");
        var panel = page.GetByTestId("more-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToContainTextAsync("Keyboard two");
        await panel.GetByLabel("Snooze for").SelectOptionAsync("4");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Snooze" }).ClickAsync();
        await Assertions.Expect(panel).ToBeHiddenAsync();
        await Assertions.Expect(Row(page, ids[1]).Locator("[data-testid=status]")).ToHaveTextAsync("Snoozed");

        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.Locator("[data-testid=shortcut-list]")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=shortcut-list]")).ToBeHiddenAsync();

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("o");
        await page.WaitForURLAsync("**/Queue/Job/~k1", BrowserApp.Committed);
        await Assertions.Expect(page.Locator("[data-testid=job-title]")).ToHaveTextAsync("Keyboard one");

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(MatchStatus.Shortlisted, (await db.Matches.SingleAsync(m => m.Id == ids[2])).Status);
            Assert.Equal(MatchStatus.Snoozed, (await db.Matches.SingleAsync(m => m.Id == ids[1])).Status);
            Assert.Equal(MatchStatus.New, (await db.Matches.SingleAsync(m => m.Id == ids[0])).Status);
        });
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }

    [SkippableFact]
    public async Task A_lead_assigns_a_job_at_phone_width_and_the_freelancer_finds_it()
    {
        BrowserApp.SkipWithoutChromium();
        var ids = await QueueSeed.MatchesAsync(app, "react", QueueSeed.Posting(app, "~a1", "Assign me"));
        await app.CreateUserAsync("fay@example.test", "Freelancer");
        var page = await SignInAsync("assigner@example.test", "Lead");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/Queue?lane=react");

        // The row's "Reason, snooze, assign…" opens the one shared panel, tied to this row.
        await page.EvaluateAsync("() => window.__stayed = true");
        await Row(page, ids[0]).GetByText("Reason, snooze, assign…").ClickAsync();
        var panel = page.GetByTestId("more-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToContainTextAsync("Assign me");
        await panel.GetByLabel("Assign to").SelectOptionAsync(new SelectOptionValue { Label = "fay" });
        await panel.GetByTestId("assign").ClickAsync();
        await Assertions.Expect(panel).ToBeHiddenAsync();
        await Assertions.Expect(Row(page, ids[0]).GetByTestId("assignee")).ToHaveTextAsync("assigned to fay");
        await Assertions.Expect(Row(page, ids[0]).GetByTestId("outcome")).ToHaveTextAsync("Assigned to fay.");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__stayed === true"));
        // Nothing is wider than the phone.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        var freelancer = await app.NewPageAsync();
        await app.SignInAsync(freelancer, "fay@example.test");
        await freelancer.GotoAsync("/Queue?status=All");
        await Assertions.Expect(Row(freelancer, ids[0])).ToBeVisibleAsync();
        await Assertions
            .Expect(freelancer.Locator("[data-testid=queue-row]"))
            .ToHaveCountAsync(await CountAssignedAsync("fay@example.test"));
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }

    private async Task<int> CountAssignedAsync(string email)
    {
        var count = 0;
        await app.WithDbAsync(async db =>
        {
            var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            count = await db.Matches.CountAsync(m => m.AssigneeId == id);
        });
        return count;
    }

    [SkippableFact]
    public async Task A_hostile_description_stays_inert_text()
    {
        BrowserApp.SkipWithoutChromium();
        await QueueSeed.MatchesAsync(
            app,
            "design",
            QueueSeed.Posting(app, "~evil", "<img src=x onerror=alert(9)>Evil", description: JobPageTests.Hostile)
        );
        var page = await SignInAsync("reader@example.test", "Manager");
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await page.GotoAsync("/Queue?lane=design");
        await Assertions.Expect(page.GetByText("<img src=x onerror=alert(9)>Evil")).ToBeVisibleAsync();
        await page.GotoAsync("/Queue/Job/~evil");
        var description = page.Locator("[data-testid=description]");
        await Assertions.Expect(description).ToContainTextAsync("<script>alert('x')</script>");
        await Assertions.Expect(description).ToContainTextAsync("<a href=\"javascript:alert(2)\">click</a>");
        Assert.Equal(0, await description.Locator("script, img, [onerror]").CountAsync());
        Assert.Equal(0, await page.Locator("a[href^='javascript:' i]").CountAsync());
        var link = description.Locator("a");
        await Assertions.Expect(link).ToHaveCountAsync(1);
        await Assertions.Expect(link).ToHaveAttributeAsync("href", "https://example.com/spec?a=1&b=2");
        // Clicking the text that looks like a link does nothing.
        await description.GetByText("click", new() { Exact = false }).First.ClickAsync();
        Assert.Empty(dialogs);
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }
}
