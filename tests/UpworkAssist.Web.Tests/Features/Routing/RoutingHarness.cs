using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Routing;

/// <summary>
/// The application with its dispatcher loop off (tests run it by hand on the fake clock), a fake Slack and an SMTP
/// port.
/// </summary>
public sealed class RoutingHarness : IAsyncDisposable
{
    private RoutingHarness(TestApp app, FakeSlack slack, FakeService service, int smtpPort)
    {
        App = app;
        Slack = slack;
        Service = service;
        SmtpPort = smtpPort;
    }

    public TestApp App { get; }
    public FakeSlack Slack { get; }

    /// <summary>
    /// The other side of webhooks, Telegram, Discord and Teams; each test scripts its protocol's answers.
    /// </summary>
    public FakeService Service { get; }
    public int SmtpPort { get; }
    public DateTimeOffset Now => App.Clock.GetUtcNow();

    /// <summary>The settings the app was built with, for a second instance on the same store.</summary>
    public Dictionary<string, string?> Settings { get; private init; } = [];

    /// <param name="app">
    /// Builds the app from the settings (another provider or a shared store); a SQLite app when null.
    /// </param>
    public static async Task<RoutingHarness> StartAsync(
        Dictionary<string, string?>? settings = null,
        Func<Dictionary<string, string?>, TestApp>? app = null
    )
    {
        var slack = await FakeSlack.StartAsync();
        var service = await FakeService.StartAsync();
        var smtpPort = FreePort();
        var all = new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = slack.BaseUrl + "api/",
            ["Routing:AllowedTargetHosts:0"] = slack.AllowedHost,
            ["Routing:AllowedTargetHosts:1"] = service.AllowedHost,
            ["Telegram:ApiBaseUrl"] = service.BaseUrl,
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:UseTls"] = "false",
            ["Smtp:From"] = "alerts@upworkassist.test",
            ["Routing:DispatcherEnabled"] = "false",
            // The harness's postings are a few minutes old; catch-up batching has tests of its own.
            ["Routing:FreshAlertAge"] = "00:05:00",
        };
        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }
        var configured = app?.Invoke(all) ?? new TestApp(all);
        slack.Clock = configured.Clock;
        service.Clock = configured.Clock;
        var harness = new RoutingHarness(configured, slack, service, smtpPort) { Settings = all };
        await configured.WithDbAsync(async db =>
        {
            // Starter lanes would match the test postings too; these tests bring their own lanes.
            await db.Lanes.ExecuteUpdateAsync(s => s.SetProperty(l => l.Enabled, false));
        });
        return harness;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The Routes page's "add route" form for a Slack route.</summary>
    public static (string, string)[] SlackForm(string secret, string channel = "") =>
        [
            ("Input.Kind", "Slack"),
            ("Input.SlackSecret", secret),
            ("Input.SlackChannel", channel),
            ("Input.Mode", "Immediate"),
            ("Input.TimeZone", "UTC"),
        ];

    public Task AddLaneAsync(string id, string name, params string[] keywords) =>
        App.WithDbAsync(async db =>
        {
            var row = new Lane
            {
                Id = id,
                Name = name,
                CreatedAt = Now,
                UpdatedAt = Now,
            };
            LaneRules.Apply(
                row,
                new LaneDefinition
                {
                    Id = id,
                    Name = name,
                    IncludeKeywords = keywords,
                    AllowUnknownBudget = true,
                }
            );
            db.Lanes.Add(row);
            await db.SaveChangesAsync();
        });

    public Task<long> AddSlackRouteAsync(
        string laneId,
        string secret,
        string? channel = null,
        Action<AlertRoute>? configure = null
    ) =>
        AddRouteAsync(
            laneId,
            RouteKind.Slack,
            r =>
            {
                r.SecretProtected = App.Services.GetRequiredService<RouteSecrets>().Protect(secret);
                r.SecretHint = RouteSecrets.Hint(secret);
                r.SlackChannel = channel;
                r.SlackTarget = RouteSecrets.SlackTarget(secret, channel);
                configure?.Invoke(r);
            }
        );

    /// <summary>
    /// A Telegram (secret "token\nchat"), Discord or Teams route, stored as the Routes page stores it.
    /// </summary>
    public Task<long> AddChannelRouteAsync(
        string laneId,
        RouteKind kind,
        string secret,
        string target,
        Action<AlertRoute>? configure = null
    ) =>
        AddRouteAsync(
            laneId,
            kind,
            r =>
            {
                r.SecretProtected = App.Services.GetRequiredService<RouteSecrets>().Protect(secret);
                r.SecretHint = RouteSecrets.Hint(secret.Split('\n')[0]);
                r.SlackTarget = target;
                configure?.Invoke(r);
            }
        );

    public Task<long> AddEmailRouteAsync(string laneId, string to, Action<AlertRoute>? configure = null) =>
        AddRouteAsync(
            laneId,
            RouteKind.Email,
            r =>
            {
                r.EmailTo = to;
                configure?.Invoke(r);
            }
        );

    private Task<long> AddRouteAsync(string laneId, RouteKind kind, Action<AlertRoute> configure) =>
        App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var route = new AlertRoute
            {
                LaneId = laneId,
                Kind = kind,
                CreatedAt = Now,
            };
            configure(route);
            db.AlertRoutes.Add(route);
            await db.SaveChangesAsync();
            return route.Id;
        });

    public Posting Posting(string id, string title, string? description = null) =>
        new()
        {
            Id = id,
            Title = title,
            Description = description ?? $"{title}. Long-term client, clear scope.",
            Url = $"https://www.upwork.com/jobs/{id}",
            PublishedAt = Now.AddMinutes(-3),
            FetchedAt = Now.AddMinutes(-1),
            Type = PostingType.Fixed,
            FixedBudget = 1500,
            Skills = ["C#"],
            TotalApplicants = 4,
            Client = new ClientFacts("Germany", true, 12000, 9, 4.9, 7),
        };

    /// <summary>Stores the postings and runs them through the lanes, as ingest does.</summary>
    public Task MatchAsync(params Posting[] postings) =>
        App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Postings.AddRange(postings);
            await db.SaveChangesAsync();
            await sp.GetRequiredService<LaneMatcher>().MatchAsync(postings, CancellationToken.None);
            return true;
        });

    public Task<int> DispatchAsync(CancellationToken ct = default) =>
        App.WithScopeAsync(sp => sp.GetRequiredService<AlertDispatcher>().RunOnceAsync(ct));

    /// <summary>Advances the fake clock a second at a time, running the dispatcher after each step.</summary>
    public async Task RunForAsync(TimeSpan span)
    {
        for (var t = TimeSpan.Zero; t < span; t += TimeSpan.FromSeconds(1))
        {
            await DispatchAsync();
            App.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    public Task<List<Alert>> AlertsAsync(AlertChannel? channel = null) =>
        App.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>()
                .Alerts.AsNoTracking()
                .Include(a => a.Match)
                .Where(a => channel == null || a.Channel == channel)
                .OrderBy(a => a.Id)
                .ToListAsync()
        );

    public Task<AlertRoute> RouteAsync(long id) =>
        App.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().AlertRoutes.AsNoTracking().SingleAsync(r => r.Id == id)
        );

    public async ValueTask DisposeAsync()
    {
        App.Dispose();
        await Slack.DisposeAsync();
        await Service.DisposeAsync();
    }
}
