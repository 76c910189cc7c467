using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Queue;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Browser;

/// <summary>
/// The daily workspace in real Chromium over a lived-in store: each role's home lines and where they
/// lead, the queue's live bar and conflict notice, counts that follow other people's actions, the
/// Admin's first hour, and triage on a 390 px phone. Every wait is on the page, never on time.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class HomeBrowserTests(DailyUseApp app) : IClassFixture<DailyUseApp>
{
    [SkippableTheory]
    [InlineData(Roles.Lead, "expiring")]
    [InlineData(Roles.Freelancer, "pace")]
    [InlineData(Roles.Manager, "week-sent")]
    [InlineData(Roles.Admin, "setup-users")]
    public async Task Each_role_sees_its_own_lines_and_every_line_opens_its_page(string role, string key)
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(role);
        await page.GotoAsync("/");
        var section = page.Locator($"[data-testid=home-section][data-role={role}]");
        await Assertions.Expect(section).ToBeVisibleAsync();
        Assert.Equal(1, await page.GetByTestId("home-section").CountAsync());
        var hrefs = await section
            .Locator("[data-testid=home-item] a")
            .EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.NotEmpty(hrefs);
        foreach (var href in hrefs.Where(h => !h.StartsWith("/Help", StringComparison.Ordinal)).Distinct())
        {
            var response = await page.GotoAsync(href);
            Assert.True(response is { Ok: true }, $"{role}: {href} answered {response?.Status}");
        }

        // As a person does: click the line, land on its page with its filter.
        await page.GotoAsync("/");
        var line = section.Locator($"[data-testid=home-item][data-key={key}] a").First;
        var target = await line.GetAttributeAsync("href");
        await line.ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + target, BrowserApp.Committed);
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }

    [SkippableFact]
    public async Task A_match_stored_while_the_queue_is_open_shows_as_new_and_a_row_changed_by_someone_else_says_so()
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(Roles.Lead);
        await page.GotoAsync("/Queue");
        var bar = page.GetByTestId("live-bar");
        await Assertions.Expect(bar).ToBeHiddenAsync();
        var firstRow = page.GetByTestId("queue-row").First;
        var shownId = long.Parse(
            await firstRow.GetAttributeAsync("data-match") ?? "",
            System.Globalization.CultureInfo.InvariantCulture
        );

        // Through the real path: the feed's upsert hands the posting to the lane matcher, which stores the match.
        var title = await StoreArrivalAsync();
        await Assertions.Expect(bar).ToBeVisibleAsync();
        await Assertions.Expect(bar).ToContainTextAsync("1 new");
        Assert.Equal(
            shownId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await firstRow.GetAttributeAsync("data-match")
        );

        // Someone else shortlists the row this page shows: the row says so and nothing is overwritten.
        var version = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>()
                .Matches.Where(m => m.Id == shownId)
                .Select(m => m.Version)
                .SingleAsync()
        );
        var done = await TriageAsAdminAsync(shownId, version, TriageAction.Shortlist);
        Assert.True(done.Done, done.Message);
        await Assertions
            .Expect(firstRow.GetByTestId("conflict"))
            .ToContainTextAsync("changed this job since you opened the page");

        await page.GetByTestId("live-show").ClickAsync();
        await Assertions
            .Expect(page.GetByTestId("queue-row").Filter(new() { HasTextString = title }))
            .ToHaveCountAsync(1);
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }

    [SkippableFact]
    public async Task The_home_counts_follow_another_persons_action_without_a_reload()
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(Roles.Lead);
        await page.GotoAsync("/");
        var line = page.Locator("[data-testid=home-item][data-key=new-matches]").First;
        var lane = (await line.Locator("a").GetAttributeAsync("href"))!.Split("lane=")[1];
        var before = int.Parse(
            await line.GetByTestId("home-value").TextContentAsync() ?? "",
            System.Globalization.CultureInfo.InvariantCulture
        );
        await page.EvaluateAsync("() => window.__stayed = true");

        var match = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>()
                .Matches.Where(m => m.LaneId == Uri.UnescapeDataString(lane) && m.Status == MatchStatus.New)
                .Select(m => new { m.Id, m.Version })
                .FirstAsync()
        );
        await TriageAsAdminAsync(match.Id, match.Version, TriageAction.Dismiss);

        var after = page.Locator($"[data-testid=home-item][data-key=new-matches] a[href='/Queue?lane={lane}']");
        await Assertions
            .Expect(after.GetByTestId("home-value"))
            .ToHaveTextAsync((before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__stayed === true"));
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }

    [SkippableFact]
    public async Task The_admin_first_hour_ticks_what_is_done_links_its_help_and_goes_when_dismissed()
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(Roles.Admin);
        await page.GotoAsync("/");
        var checklist = page.GetByTestId("checklist");
        await Assertions.Expect(checklist.GetByTestId("checklist-step")).ToHaveCountAsync(7);
        await Assertions.Expect(checklist.Locator("[data-key=invite-team]")).ToHaveAttributeAsync("data-done", "true");
        await Assertions.Expect(checklist.Locator("[data-key=demo-off]")).ToHaveAttributeAsync("data-done", "false");

        await checklist
            .Locator("[data-key=connect-api]")
            .GetByRole(AriaRole.Link, new() { Name = "Help" })
            .ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/Help/feed", BrowserApp.Committed);
        await Assertions.Expect(page.GetByTestId("help-body").Locator("h1")).ToBeVisibleAsync();

        await page.GotoAsync("/");
        await page.GetByTestId("dismiss-checklist").ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("checklist is dismissed");
        await Assertions.Expect(page.GetByTestId("checklist")).ToHaveCountAsync(0);
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }

    [SkippableFact]
    public async Task On_a_390_px_phone_the_first_job_and_its_big_buttons_fit_the_first_screen_and_filters_are_a_sheet()
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(Roles.Lead);
        try
        {
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync("/Queue");
            var row = page.GetByTestId("queue-row").First;
            await Assertions.Expect(row).ToBeInViewportAsync();
            foreach (var name in new[] { "Shortlist", "Dismiss" })
            {
                var button = row.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
                await Assertions.Expect(button).ToBeInViewportAsync();
                var box = await button.BoundingBoxAsync();
                Assert.True(box is { Height: >= 44 }, $"{name} is {box?.Height} px tall");
            }
            await Assertions.Expect(page.GetByTestId("filters")).ToBeHiddenAsync();
            await page.GetByTestId("tools-toggle").ClickAsync();
            var sheet = page.Locator("#queue-tools");
            await Assertions.Expect(sheet).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("show"));
            await Assertions.Expect(page.GetByTestId("filters")).ToBeInViewportAsync();
            await sheet.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("filters")).ToBeHiddenAsync();

            await page.GotoAsync("/Queue/Job/" + Uri.EscapeDataString(app.AssignedPostingId));
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
            Assert.True(
                await page.EvaluateAsync<bool>(
                    "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
                ),
                "the job page scrolls sideways at 390 px"
            );
        }
        finally
        {
            await page.SetViewportSizeAsync(1366, 900);
        }
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }

    /// <summary>Another person's action, through the same service the queue's buttons use.</summary>
    private Task<TriageOutcome> TriageAsAdminAsync(long matchId, int version, TriageAction action) =>
        app.WithScopeAsync(sp =>
            sp.GetRequiredService<Triage>()
                .ApplyAsync(
                    new TriageInput
                    {
                        MatchId = matchId,
                        Version = version,
                        Action = action,
                    },
                    Principals.Of(app.UserIdOf[Roles.Admin], Roles.Admin),
                    CancellationToken.None
                )
        );

    /// <summary>A copy of a matched demo posting under a new id, stored through the feed's upsert; its title.</summary>
    private Task<string> StoreArrivalAsync() =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var matched = await db
                .Matches.Where(m => m.LaneId != null)
                .OrderByDescending(m => m.Id)
                .Select(m => m.PostingId)
                .FirstAsync();
            var posting = await db.Postings.AsNoTracking().SingleAsync(p => p.Id == matched);
            posting.Id = matched + "-live";
            posting.Title += " (arrived live)";
            var result = await sp.GetRequiredService<PostingIngest>().UpsertAsync([posting], CancellationToken.None);
            Assert.Equal(1, result.New);
            return posting.Title;
        });
}
