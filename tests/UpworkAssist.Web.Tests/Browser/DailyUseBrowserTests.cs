using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UpworkAssist.Web.Features.Pipeline;
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
        var title = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<Data.AppDbContext>()
                .Postings.Where(p => p.Id == app.AssignedPostingId)
                .Select(p => p.Title)
                .SingleAsync()
        );
        var opening = $"Hi, I can take on “{title}” this week.";

        // Approve pressed straight after an edit that still has a placeholder: the edit is saved
        // (a new version), the approval refused.
        await text.FillAsync(opening + "\n\nFirst step: a call about the scope.\n\n{{proof_link}}\n\nAlice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("error")).ToBeVisibleAsync();
        var stored = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<Data.AppDbContext>().Drafts.AsNoTracking().SingleAsync(d => d.Id == id)
        );
        Assert.Equal(
            stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await page.Locator("#draft-form input[name=Version]").InputValueAsync()
        );
        // The counter the server drew equals what the browser counts for the same text.
        Assert.Equal(
            await text.EvaluateAsync<int>("t => t.value.trim().length"),
            int.Parse(
                await page.Locator("#draft-length").TextContentAsync() ?? "",
                System.Globalization.CultureInfo.InvariantCulture
            )
        );

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
        await Assertions
            .Expect(status.Locator("option", new() { HasTextString = "New (" }))
            .ToHaveTextAsync($"New ({newCount - 1})");
        await Assertions
            .Expect(status.Locator("option", new() { HasTextString = "Shortlisted (" }))
            .ToHaveTextAsync($"Shortlisted ({shortlisted + 1})");
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

    [SkippableFact]
    public async Task Demo_postings_are_marked_wherever_they_show_and_the_home_page_says_the_demo_feed_is_on()
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(Roles.Freelancer);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("demo-feed-on")).ToContainTextAsync("The demo feed is on");

        // A freelancer's own queue shows the assigned (demo) job at once, marked as demo.
        await page.GotoAsync("/Queue");
        var row = page.GetByTestId("queue-row").First;
        await Assertions.Expect(row.GetByTestId("demo")).ToHaveTextAsync("demo");
        await page.GotoAsync("/Queue/Job/" + Uri.EscapeDataString(app.AssignedPostingId));
        await Assertions.Expect(page.Locator("h1").GetByTestId("demo")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("demo-open")).ToContainTextAsync("no page on Upwork");
        Assert.Equal(0, await page.GetByTestId("open-upwork").CountAsync());
        await page.GotoAsync($"/Drafts/Edit?id={app.DraftOf[Roles.Freelancer]}");
        await Assertions.Expect(page.Locator("h1").GetByTestId("demo")).ToBeVisibleAsync();
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }

    [SkippableFact]
    public async Task On_a_phone_the_first_job_shows_in_the_first_screen_and_the_posted_filter_is_not_cut()
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(Roles.Lead);
        await page.GotoAsync("/Queue");
        var posted = page.GetByLabel("Posted");
        Assert.True(
            await posted.EvaluateAsync<bool>("s => s.scrollWidth <= s.clientWidth"),
            "the Posted choice is cut"
        );
        try
        {
            await page.SetViewportSizeAsync(390, 844);
            await Assertions.Expect(page.GetByTestId("queue-row").First).ToBeInViewportAsync();
            await Assertions.Expect(page.GetByTestId("filters")).ToBeHiddenAsync();
            await page.GetByTestId("tools-toggle").ClickAsync();
            await Assertions.Expect(page.GetByTestId("filters")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("bulk-apply")).ToBeVisibleAsync();
        }
        finally
        {
            await page.SetViewportSizeAsync(1366, 900);
        }
    }

    [SkippableFact]
    public async Task Every_pipeline_column_is_in_view_and_a_card_moves_by_drag_and_drop()
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(Roles.Lead);
        await page.GotoAsync("/Pipeline");
        var columns = page.Locator("[data-stage]");
        await Assertions.Expect(columns).ToHaveCountAsync(8);
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            for (var i = 0; i < 8; i++)
            {
                var box = (await columns.Nth(i).BoundingBoxAsync())!;
                Assert.True(
                    box.X >= 0 && box.X + box.Width <= width + 0.5,
                    $"{await columns.Nth(i).GetAttributeAsync("data-stage")} at {box.X}+{box.Width} of {width}"
                );
            }
            Assert.True(
                await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")
            );
        }
        await page.SetViewportSizeAsync(1366, 900);

        var sent = page.Locator("[data-stage=Sent] [data-testid=card]").First;
        var id = await sent.GetAttributeAsync("data-id");
        await sent.DragToAsync(page.Locator("[data-stage=Viewed]"));
        await Assertions
            .Expect(page.Locator($"[data-stage=Viewed] [data-testid=card][data-id='{id}']"))
            .ToBeVisibleAsync();
        await app.WithDbAsync(async db =>
            Assert.Equal(
                ProposalStage.Viewed,
                (
                    await db.Proposals.SingleAsync(p =>
                        p.Id == long.Parse(id!, System.Globalization.CultureInfo.InvariantCulture)
                    )
                ).Stage
            )
        );
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }

    [SkippableFact]
    public async Task Times_show_in_the_browser_zone_by_default_in_a_chosen_zone_after_and_in_UTC_on_hover()
    {
        BrowserApp.SkipWithoutChromium();
        await app.SeedAsync();
        var page = await app.NewPageAsync(timeZone: "Asia/Tokyo");
        await app.SignInAsync(page, DailyUseApp.EmailOf(Roles.Manager));

        await page.GotoAsync("/Audit");
        await AssertShownInAsync(page, "Asia/Tokyo");
        await page.GotoAsync("/Account/TimeZone");
        await page.GetByLabel("Show times in").SelectOptionAsync("Europe/Berlin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Times are now shown in Europe/Berlin.")).ToBeVisibleAsync();
        await page.GotoAsync("/Audit");
        await AssertShownInAsync(page, "Europe/Berlin");
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }

    private static async Task AssertShownInAsync(IPage page, string zone)
    {
        var time = page.Locator("main time").First;
        var utc = DateTimeOffset.Parse(
            (await time.GetAttributeAsync("datetime"))!,
            System.Globalization.CultureInfo.InvariantCulture
        );
        var local = TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(zone));
        await Assertions
            .Expect(time)
            .ToHaveTextAsync(local.ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions
            .Expect(time)
            .ToHaveAttributeAsync(
                "title",
                utc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
                    + " UTC"
            );
    }
}
