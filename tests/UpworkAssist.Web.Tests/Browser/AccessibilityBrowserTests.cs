using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Features;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Browser;

/// <summary>
/// Every page each role can reach (the role matrix decides which), with real data in it: axe-core
/// finds no critical or serious problem, and at 360 px no page is wider than the screen.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(DailyUseApp app) : IClassFixture<DailyUseApp>
{
    // Not pages a person works on: sign-out answers with a redirect, the error page and Hangfire's
    // own dashboard are not ours to lay out, Setup exists only before the first user.
    // /live is the pages' event stream (Features/Live), not a page.
    private static readonly HashSet<string> NotVisited = ["/Account/Logout", "/Error", "/Setup", "/live"];

    public static TheoryData<string> AllRoles() => [.. Roles.All];

    [SkippableTheory]
    [MemberData(nameof(AllRoles))]
    public async Task Every_page_a_role_reaches_has_no_serious_accessibility_problem_and_fits_a_phone(string role)
    {
        BrowserApp.SkipWithoutChromium();
        var page = await app.PageAsAsync(role);
        var problems = new List<string>();
        // The pages of the access table (the API, Hangfire and health are not pages).
        var pages = AccessPolicy
            .Rules.Where(r =>
                r.Method == "GET"
                && r.Handler is null
                && !r.TakesToken
                && !r.Path.StartsWith("/hangfire", StringComparison.Ordinal)
                && r.Path != "/healthz"
                && !NotVisited.Contains(r.Path)
                && r.Policy != Policies.Anonymous
                && r.Roles.Contains(role)
            )
            .Select(r => app.UrlOf(r.Path, role, r.Path))
            // The other views of the busiest pages.
            .Concat(["/Queue?status=All", "/Pipeline?view=table", "/Analytics?days=3650"]);
        foreach (var url in pages)
        {
            await page.SetViewportSizeAsync(1366, 900);
            var response = await page.GotoAsync(url);
            if (response?.Status != 200)
            {
                problems.Add($"{url}: HTTP {response?.Status}");
                continue;
            }
            var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
            foreach (var violation in result.Violations.Where(v => v.Impact is "critical" or "serious"))
            {
                var where = string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()));
                problems.Add($"{url}: {violation.Impact} {violation.Id} ({violation.Nodes.Length}×) {where}");
            }
            await page.SetViewportSizeAsync(360, 800);
            // Charts resize on the next frames (a ResizeObserver): measure after they have. Bounded, because
            // an evaluate has no timeout and a busy headless Chromium may skip frames for a long while.
            await page.EvaluateAsync(
                "() => new Promise(r => { requestAnimationFrame(() => requestAnimationFrame(r)); "
                    + "setTimeout(r, 2000); })"
            );
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 360)
            {
                var widest = await page.EvaluateAsync<string>(
                    """
                    () => {
                      let w = null;
                      for (const e of document.querySelectorAll('body *')) {
                        const r = e.getBoundingClientRect();
                        if (r.right > 361 && (!w || r.right > w.r))
                          w = { r: r.right, d: e.tagName + '.' + e.className + '#' + e.id };
                      }
                      return w ? w.d + ' ' + w.r : '';
                    }
                    """
                );
                problems.Add($"{url}: {width} px wide at 360 px ({widest})");
            }
        }
        await page.SetViewportSizeAsync(1366, 900);
        Assert.True(problems.Count == 0, $"{role}:\n" + string.Join("\n", problems));
    }
}
