using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace UpworkAssist.Web.Tests.Infrastructure;

/// <summary>
/// The application on real Kestrel (loopback, a free port) driven by Debian's Chromium through
/// Playwright. Without Chromium the browser tests skip with the install command, except under
/// CI (CI=true), where a missing browser is a failure.
/// </summary>
public class BrowserApp : TestApp, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser? Chromium { get; private set; }

    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// Navigation waits end when the new page commits; the next locator waits for its element.
    /// Waiting for "load" as well timed out on a loaded 2-core machine.
    /// </summary>
    public static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    public static bool ChromiumMissing => !File.Exists(ChromiumPath);

    public static void SkipWithoutChromium()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (ChromiumMissing && ci)
        {
            throw new InvalidOperationException(
                $"CI=true but {ChromiumPath} is missing: install it with 'apt-get install -y chromium'."
            );
        }
        Skip.If(
            ChromiumMissing,
            $"Chromium is not installed at {ChromiumPath}: install it with 'sudo apt-get install -y chromium' to "
                + $"run browser tests."
        );
    }

    public async Task InitializeAsync()
    {
        if (ChromiumMissing)
        {
            return;
        }
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            }
        );
    }

    /// <param name="timeZone">The browser's time zone (an IANA id); the machine's when null.</param>
    public async Task<IPage> NewPageAsync(string? timeZone = null)
    {
        var context = await Chromium!.NewContextAsync(
            new BrowserNewContextOptions { BaseURL = BaseUrl, TimezoneId = timeZone }
        );
        var page = await context.NewPageAsync();
        // Password hashing and a cold JIT on a busy 2-core runner can take seconds; allow a minute.
        page.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        // Any script error or CSP violation on a page is a defect the test should see.
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add($"{message.Text} ({message.Location} on {page.Url})");
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
        return page;
    }

    public List<string> ConsoleErrors { get; } = [];

    /// <summary>Signs the page in through the form, as a person does, and waits for home.</summary>
    public async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(BaseUrl + "/", Committed);
    }

    public new async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>
/// Browser tests run one class at a time, after the parallel tests: several Chromiums beside a
/// busy parallel suite on two cores made page waits time out.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
