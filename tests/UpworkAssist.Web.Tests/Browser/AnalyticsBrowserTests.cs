using Microsoft.Playwright;
using UpworkAssist.Web.Tests.Features.Pipeline;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class AnalyticsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [SkippableFact]
    public async Task The_dashboard_draws_its_charts_under_the_content_security_policy()
    {
        BrowserApp.SkipWithoutChromium();
        await new KnownPipeline().SeedAsync(app);
        await app.CreateUserAsync("manager-charts@example.test", "Manager");
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "manager-charts@example.test");

        await page.GotoAsync("/Analytics");
        foreach (var chart in new[] { "weeks", "lanes", "postAge" })
        {
            var canvas = page.Locator($"canvas[data-chart={chart}][data-rendered=true]");
            await canvas.WaitForAsync();
            // Chart.js drew on the canvas: some pixels are no longer transparent.
            var painted = await canvas.EvaluateAsync<int>(
                "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for "
                    + "(let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"
            );
            Assert.True(painted > 100, $"{chart}: only {painted} pixels drawn");
        }
        Assert.Equal(3, await page.EvaluateAsync<int>("() => document.querySelectorAll('canvas').length"));
        Assert.True(
            await page.EvaluateAsync<bool>("() => typeof Chart === 'function' && Chart.version.startsWith('4.')")
        );
        Assert.True(app.ConsoleErrors.Count == 0, string.Join("\n", app.ConsoleErrors));
    }
}
