using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.MultiInstance;

/// <summary>
/// Issue 19's two-instance test: two real app processes on one fresh PostgreSQL database, with the
/// fake marketplace and fake Slack in this process. Real processes run on the real clock, so every
/// check waits on a condition with a deadline instead of sleeping.
/// </summary>
[Trait("Category", "MultiInstance")]
public sealed class MultiInstanceProcessTests
{
    private const string AdminEmail = "admin@multi.test";
    private const string AdminPassword = "multi-instance-password-2026";
    private const int PerMinuteCap = 20;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    [SkippableFact]
    public async Task Two_processes_share_one_store_one_poller_every_alert_once_and_B_takes_over_when_A_is_killed()
    {
        PostgresServer.SkipWithoutServer();
        var connectionString = PostgresServer.CreateDatabase();
        await using var fake = await FakeMarketplace.StartAsync();
        await using var slack = await FakeSlack.StartAsync();
        using var a = AppProcess.Start("A", Environment(connectionString, fake, slack));
        AppProcess? b = null;
        var pollers = new PollerWatch(connectionString);
        try
        {
            await a.WaitHealthyAsync();
            // A polls first, so A is the lease holder that the kill below takes away.
            await Until(() => fake.GraphQlRequests.Any(), "A's first poll");
            var onA = await SignInAsync(a);
            (
                await onA.SubmitToAsync(
                    "/Lanes/Edit",
                    "/Lanes/Edit?handler=Save",
                    LaneForm("multi", "Multi work", "multiinst")
                )
            ).EnsureRedirect("saving the lane through A");
            (
                await onA.SubmitToAsync(
                    "/Routing/Routes?lane=multi",
                    "/Routing/Routes?lane=multi&handler=Add",
                    [
                        ("Input.Kind", "Slack"),
                        ("Input.SlackSecret", slack.WebhookUrl("T1")),
                        ("Input.SlackChannel", ""),
                        ("Input.Mode", "Immediate"),
                        ("Input.TimeZone", "UTC"),
                    ]
                )
            ).EnsureRedirect("adding the Slack route through A");

            b = AppProcess.Start("B", Environment(connectionString, fake, slack));
            await b.WaitHealthyAsync();

            // A sign-in cookie issued by A is accepted by B: the key ring is in the store.
            using var onBWithA = AppProcess.Browser(b.Address);
            onBWithA.Cookies.Add(b.Address, onA.Cookies.GetCookies(a.Address));
            var lanesOnB = await onBWithA.Client.GetAsync("/Lanes");
            Assert.Equal(HttpStatusCode.OK, lanesOnB.StatusCode);
            Assert.Contains("Multi work", await lanesOnB.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // A lane edited through A changes what B shows within the documented bound (about 2 s).
            var form = await onA.Client.GetStringAsync("/Lanes/Edit?id=multi");
            var version = System
                .Text.RegularExpressions.Regex.Match(form, "name=\"Version\" value=\"(\\d+)\"")
                .Groups[1]
                .Value;
            (
                await onA.SubmitToAsync(
                    "/Lanes/Edit?id=multi",
                    "/Lanes/Edit?handler=Save&id=multi",
                    [.. LaneForm("multi", "Multi work renamed", "multiinst"), ("Version", version)]
                )
            ).EnsureRedirect("editing the lane");
            var edited = Stopwatch.StartNew();
            await Until(
                async () =>
                    (await onBWithA.Client.GetStringAsync("/Lanes")).Contains(
                        "Multi work renamed",
                        StringComparison.Ordinal
                    ),
                "B showing A's lane edit",
                TimeSpan.FromSeconds(5)
            );
            Assert.True(edited.Elapsed < TimeSpan.FromSeconds(4), $"B saw the edit after {edited.Elapsed}");

            // Eight alerts on one channel take eight seconds (one message a second): A dies in the middle.
            var now = DateTimeOffset.UtcNow;
            var first = Enumerable.Range(1, 8).Select(n => $"multiinst first {n}").ToList();
            fake.Publish([
                .. first.Select((t, i) => FakeMarketplace.Node($"~01mi1{i}", now.AddSeconds(i - 20), title: t)),
            ]);
            await Until(() => slack.Requests.Count >= 2, "the first alerts sent", TimeSpan.FromSeconds(30), a, b);
            Assert.True(slack.Requests.Count < first.Count, "A was to die mid-dispatch");
            await AssertOnePollerAsync(connectionString);
            var requestsBeforeKill = fake.GraphQlRequests.Count();
            a.Kill();

            // B takes over polling within a minute (the lock went with A's session) and matches new postings.
            var killed = Stopwatch.StartNew();
            var second = Enumerable.Range(1, 3).Select(n => $"multiinst second {n}").ToList();
            fake.Publish([
                .. second.Select(
                    (t, i) => FakeMarketplace.Node($"~01mi2{i}", DateTimeOffset.UtcNow.AddSeconds(i - 5), title: t)
                ),
            ]);
            await Until(
                () => fake.GraphQlRequests.Count() > requestsBeforeKill,
                "B polling",
                TimeSpan.FromSeconds(60),
                b
            );
            Assert.True(killed.Elapsed < TimeSpan.FromMinutes(1), $"B polled after {killed.Elapsed}");
            using var onB = AppProcess.Browser(b.Address);
            await onB.Client.LoginAsync(AdminEmail, AdminPassword);
            await Until(
                async () =>
                {
                    var queue = await onB.Client.GetStringAsync("/Queue?lane=multi");
                    return second.All(t => queue.Contains(t, StringComparison.Ordinal));
                },
                "B's queue listing what B matched",
                TimeSpan.FromSeconds(30),
                b
            );

            // Nothing is lost: every alert is delivered, A's claims by B after their lease.
            var all = first.Concat(second).ToList();
            await Until(
                async () => await UndeliveredAsync(connectionString) == 0 && all.All(t => Sent(slack, t) >= 1),
                "every alert delivered",
                TimeSpan.FromSeconds(60),
                b
            );
            Assert.Equal(
                all.Count,
                await CountAsync(connectionString, "SELECT count(*) FROM \"Alerts\" WHERE \"Channel\" = 'Slack'")
            );
            // Exactly once, except the one repeat AlertDispatcher documents: a message A sent just before it died.
            var repeats = all.Where(t => Sent(slack, t) > 1).ToList();
            Assert.True(repeats.Count <= 1, "repeated: " + string.Join(", ", repeats));
            Assert.All(second, t => Assert.Equal(1, Sent(slack, t)));
            AssertCaps(fake);
            await AssertOnePollerAsync(connectionString);
            await pollers.DisposeAsync();
            // The watch saw the lease held by A's session and then by B's, and never by two at once.
            Assert.True(pollers.Holders.Count >= 2, $"lease holders seen: {string.Join(", ", pollers.Holders)}");
            Assert.Equal(1, pollers.Most);
        }
        finally
        {
            await pollers.DisposeAsync();
            b?.Dispose();
            a.Dispose();
            PostgresServer.DropDatabase(connectionString);
        }
    }

    private static Dictionary<string, string> Environment(
        string connectionString,
        FakeMarketplace fake,
        FakeSlack slack
    )
    {
        var env = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = connectionString,
            ["Upwork__PollInterval"] = "00:00:02",
            ["Upwork__MaxRequestsPerMinute"] = PerMinuteCap.ToString(CultureInfo.InvariantCulture),
            ["Slack__ApiBaseUrl"] = slack.BaseUrl + "api/",
            ["Routing__AllowedTargetHosts__0"] = slack.AllowedHost,
            // Short, so the claims of a killed instance are taken over within the test's time.
            ["Routing__ClaimLease"] = "00:00:10",
            ["Routing__FreshAlertAge"] = "00:05:00",
            ["Bootstrap__AdminEmail"] = AdminEmail,
            ["Bootstrap__AdminPassword"] = AdminPassword,
        };
        foreach (var (key, value) in fake.Settings())
        {
            env[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }
        return env;
    }

    private static (string, string)[] LaneForm(string id, string name, string include) =>
        [
            ("Input.Id", id),
            ("Input.Name", name),
            ("Input.Enabled", "true"),
            ("Input.MinFixedBudget", ""),
            ("Input.IncludeKeywords", include),
            ("Input.NegativeKeywords", ""),
            ("Input.SkillsAny", ""),
        ];

    private static async Task<AppProcess.Session> SignInAsync(AppProcess app)
    {
        var browser = AppProcess.Browser(app.Address);
        var response = await browser.Client.LoginAsync(AdminEmail, AdminPassword);
        response.EnsureRedirect("signing in");
        return browser;
    }

    // Titles are numbered 1 to 8, so none is the start of another.
    private static int Sent(FakeSlack slack, string title) =>
        slack.Requests.Count(r => r.Body.Contains(title, StringComparison.Ordinal));

    // The marketplace counts requests per key: no 60-second window may hold more than the cap.
    private static void AssertCaps(FakeMarketplace fake)
    {
        var times = fake.GraphQlRequests.Select(r => r.At).Order().ToList();
        for (var i = 0; i < times.Count; i++)
        {
            var inWindow = times.Skip(i).TakeWhile(t => t - times[i] < TimeSpan.FromMinutes(1)).Count();
            Assert.True(inWindow <= PerMinuteCap, $"{inWindow} requests in the minute from {times[i]:O}");
        }
    }

    // Server processes (sessions) holding the poll lease right now (a bigint key is split into classid and objid).
    private static async Task<List<int>> PollersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
                + $"((classid::bigint << 32) | objid::bigint) = {PostgresPollLease.LockKey} AND "
                + "database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection
        );
        await using var reader = await command.ExecuteReaderAsync();
        var pids = new List<int>();
        while (await reader.ReadAsync())
            pids.Add(reader.GetInt32(0));
        return pids;
    }

    private static async Task AssertOnePollerAsync(string connectionString) =>
        Assert.Single(await PollersAsync(connectionString));

    /// <summary>
    /// Samples the poll lease every 200 ms for the whole test: which sessions held it, never two at once.
    /// </summary>
    private sealed class PollerWatch : IAsyncDisposable
    {
        // Not disposed: the loop may still be reading its token when the test ends on a failure.
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public PollerWatch(string connectionString) =>
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var holders = await PollersAsync(connectionString);
                    Most = Math.Max(Most, holders.Count);
                    Holders.UnionWith(holders);
                    await Task.Delay(Poll, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            });

        public int Most { get; private set; }
        public HashSet<int> Holders { get; } = [];

        // Called once to read the figures and again from the finally block: the second does nothing.
        public async ValueTask DisposeAsync()
        {
            if (_stop.IsCancellationRequested)
                return;
            await _stop.CancelAsync();
            await _loop;
        }
    }

    private static Task<int> UndeliveredAsync(string connectionString) =>
        CountAsync(
            connectionString,
            "SELECT count(*) FROM \"Alerts\" WHERE \"Channel\" = 'Slack' AND \"Status\" <> 'Delivered'"
        );

    private static async Task<int> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static Task Until(Func<bool> condition, string what, TimeSpan? within = null, params AppProcess?[] apps) =>
        Until(() => Task.FromResult(condition()), what, within, apps);

    private static async Task Until(
        Func<Task<bool>> condition,
        string what,
        TimeSpan? within = null,
        params AppProcess?[] apps
    )
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (within ?? TimeSpan.FromSeconds(90)))
        {
            if (await condition())
                return;
            await Task.Delay(Poll);
        }
        var logs = string.Join("\n", apps.OfType<AppProcess>().Select(p => p.Tail()));
        Assert.Fail($"Not within {within ?? TimeSpan.FromSeconds(90)}: {what}\n{logs}");
    }
}

/// <summary>One app process: `dotnet UpworkAssist.Web.dll` with its settings in environment variables.</summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory;

    public sealed class Session : IDisposable
    {
        public Session(Uri address)
        {
            Handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                CookieContainer = Cookies,
                UseCookies = true,
            };
            Client = new HttpClient(Handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(15) };
        }

        public CookieContainer Cookies { get; } = new();
        public HttpClientHandler Handler { get; }
        public HttpClient Client { get; }

        public Task<HttpResponseMessage> SubmitToAsync(string page, string action, params (string, string)[] fields) =>
            Client.SubmitToAsync(page, action, fields);

        public void Dispose()
        {
            Client.Dispose();
            Handler.Dispose();
        }
    }

    private AppProcess(string name, Process process, string dataDirectory, Uri address)
    {
        Name = name;
        _process = process;
        _dataDirectory = dataDirectory;
        Address = address;
    }

    public string Name { get; }
    public Uri Address { get; }

    public static Session Browser(Uri address) => new(address);

    public static AppProcess Start(string name, Dictionary<string, string> environment)
    {
        var dll = WebDll();
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var data = Directory.CreateTempSubdirectory("ua-multi-").FullName;
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        info.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        info.Environment["Storage__DataDirectory"] = data;
        var process = new Process { StartInfo = info };
        var app = new AppProcess(name, process, data, address);
        process.OutputDataReceived += (_, e) => app.Note(e.Data);
        process.ErrorDataReceived += (_, e) => app.Note(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    public async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
                Assert.Fail($"{Name} exited with {_process.ExitCode}\n{Tail()}");
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }
            await Task.Delay(200);
        }
        Assert.Fail($"{Name} not healthy within 60 s\n{Tail()}");
    }

    /// <summary>SIGKILL: no shutdown, no released claims; its database sessions die with it.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    public string Tail()
    {
        lock (_output)
        {
            var text = _output.ToString();
            return $"--- {Name} output (last 4000 chars) ---\n" + text[Math.Max(0, text.Length - 4000)..];
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be closing; the temp folder is cleaned by the OS.
        }
    }

    private void Note(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    // The web project is built with this one (a project reference), in the same configuration.
    private static string WebDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "UpworkAssist.sln")))
            root = root.Parent;
        Assert.NotNull(root);
        var dll = Path.Combine(
            root.FullName,
            "src",
            "UpworkAssist.Web",
            "bin",
            configuration,
            framework,
            "UpworkAssist.Web.dll"
        );
        Assert.True(File.Exists(dll), $"{dll} is missing: build the web project in {configuration}");
        return dll;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static class ResponseChecks
{
    public static void EnsureRedirect(this HttpResponseMessage response, string what) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: {(int)response.StatusCode}");
}
