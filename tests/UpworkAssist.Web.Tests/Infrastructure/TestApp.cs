using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using Serilog.Events;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Tests.Infrastructure;

/// <summary>
/// The real application over a real SQLite file in a temp folder with the real migrations, a
/// fake clock, and a log sink the tests can read. One instance per test class (IClassFixture)
/// or per test when a fresh store matters.
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    static TestApp()
    {
        // Many apps live at once in a test run, and helpers share the machine's per-user inotify
        // limit (128); file watchers (config reload, asp-append-version) poll instead.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public TestApp()
        : this([]) { }

    /// <param name="services">Extra test-only registrations, applied after the application's own.</param>
    public TestApp(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(DataDirectory, "store.db")}",
            ["Storage:DataDirectory"] = DataDirectory,
            ["Jobs:WorkerCount"] = "1",
            // The feed polls only when a test asks; feed tests drive polls themselves.
            ["Upwork:AutoPoll"] = "false",
        };
        foreach (var (k, v) in settings)
        {
            _settings[k] = v;
        }
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ua-tests", Guid.NewGuid().ToString("n"));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public LogCollector Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (k, v) in _settings)
        {
            builder.UseSetting(k, v);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILogEventSink>(Logs);
            _services?.Invoke(services);
        });
    }

    public HttpClient Browser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<AppDbContext, Task> work) =>
        WithScopeAsync(async sp =>
        {
            await work(sp.GetRequiredService<AppDbContext>());
            return true;
        });

    /// <summary>Arranges a user directly in the store (the pages that create users have tests of their own).</summary>
    public Task<AppUser> CreateUserAsync(string email, params string[] roles) =>
        WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = email.Split('@')[0],
                CreatedAt = Clock.GetUtcNow(),
            };
            var result = await users.CreateAsync(user, Password);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            if (roles.Length > 0)
            {
                await users.AddToRolesAsync(user, roles);
            }
            return user;
        });

    /// <summary>A browser already signed in as a new user with these roles.</summary>
    public async Task<HttpClient> SignedInAsync(params string[] roles)
    {
        var email = $"{string.Join("-", roles).ToLowerInvariant()}-{Guid.NewGuid():n}@example.test";
        await CreateUserAsync(email, roles);
        var browser = Browser();
        var response = await browser.LoginAsync(email, Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>
    /// The same application on a fresh PostgreSQL database (dropped with the app), for the tests
    /// that must hold on both providers. Skips without a server (<see cref="PostgresServer"/>).
    /// </summary>
    public static TestApp OnPostgres(
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null
    )
    {
        var all = new Dictionary<string, string?>(settings ?? []);
        all["Storage:Provider"] = "Postgres";
        all["ConnectionStrings:Default"] = PostgresServer.CreateDatabase();
        return new TestApp(all, services);
    }

    /// <summary>
    /// One of several instances on one PostgreSQL database: the test creates it once
    /// (<see cref="PostgresServer.CreateDatabase"/>), gives each app its connection string and
    /// drops it itself, since no single app owns it.
    /// </summary>
    public static TestApp OnSharedPostgres(
        string connectionString,
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null
    )
    {
        var all = new Dictionary<string, string?>(settings ?? []);
        all["Storage:Provider"] = "Postgres";
        all["ConnectionStrings:Default"] = connectionString;
        return new TestApp(all, services) { _ownsDatabase = false };
    }

    private bool _ownsDatabase = true;

    /// <summary>`Sqlite` or `Postgres`: for tests that run on each.</summary>
    public static TestApp On(
        string provider,
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null
    ) => provider == "Postgres" ? OnPostgres(settings, services) : new TestApp(settings ?? [], services);

    public bool IsPostgres => _settings.TryGetValue("Storage:Provider", out var p) && p == "Postgres";

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (IsPostgres && _ownsDatabase)
            PostgresServer.DropDatabase(_settings["ConnectionStrings:Default"]!);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be closing; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Every log event the application wrote, rendered as text the way a sink would see it.</summary>
public sealed class LogCollector : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Events => _events.ToList();

    public string AllText()
    {
        using var writer = new StringWriter();
        var formatter = new Serilog.Formatting.Compact.CompactJsonFormatter();
        foreach (var e in _events)
        {
            formatter.Format(e, writer);
        }
        return writer.ToString();
    }
}

/// <summary>A signed-in person as the services see them, for calling them directly.</summary>
public static class Principals
{
    public static System.Security.Claims.ClaimsPrincipal Of(string userId, string role) =>
        new(
            new System.Security.Claims.ClaimsIdentity(
                [
                    new(System.Security.Claims.ClaimTypes.NameIdentifier, userId),
                    new(System.Security.Claims.ClaimTypes.Role, role),
                ],
                "test"
            )
        );
}
