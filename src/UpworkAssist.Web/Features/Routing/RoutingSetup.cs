using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Api;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Routing.Discord;
using UpworkAssist.Web.Features.Routing.Email;
using UpworkAssist.Web.Features.Routing.Slack;
using UpworkAssist.Web.Features.Routing.Teams;
using UpworkAssist.Web.Features.Routing.Telegram;
using UpworkAssist.Web.Features.Routing.Webhooks;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// Alert routing: routes per lane, the outbox planner, the dispatcher and its senders, `GET /api/v1/alerts`.
/// </summary>
public static class RoutingSetup
{
    public sealed record AlertItem(
        string JobId,
        string LaneId,
        string Route,
        string Status,
        int Attempts,
        DateTimeOffset? DeliveredAt
    );

    public static IServiceCollection AddAlertRouting(this IServiceCollection services)
    {
        services
            .AddOptions<RoutingOptions>()
            .BindConfiguration("Routing")
            .Validate(
                o =>
                    o.PollInterval > TimeSpan.Zero
                    && o.ClaimLease > TimeSpan.Zero
                    && o.BatchSize > 0
                    && o.MaxAttempts > 0,
                "Routing: intervals, batch size and attempts must be positive."
            )
            .Validate(
                o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _),
                "Routing:PublicUrl must be an absolute URL."
            )
            .Validate(
                o => o.AllowedTargetHosts.All(h => TargetHosts.TryParseEntry(h, out _, out _)),
                "Routing:AllowedTargetHosts entries are host or host:port."
            )
            .ValidateOnStart();
        services
            .AddOptions<SlackOptions>()
            .BindConfiguration("Slack")
            .Validate(
                o => o.ApiBaseUrl.IsAbsoluteUri && o.ApiBaseUrl.AbsoluteUri.EndsWith('/'),
                "Slack:ApiBaseUrl must be an absolute URL ending in '/'."
            )
            .ValidateOnStart();
        services
            .AddOptions<SmtpOptions>()
            .BindConfiguration("Smtp")
            .Validate(o => o.Port is > 0 and < 65536, "Smtp:Port must be a TCP port.")
            .ValidateOnStart();
        // The client enforces its own per-request timeout, so it can tell a timeout from a shutdown.
        // No HttpClient request logging: a webhook URL is itself the secret.
        // Every connection goes through TargetHosts, which refuses addresses inside the network.
        services.AddSingleton<TargetHosts>();
        services.AddTargetClient<SlackClient>();
        services
            .AddOptions<WebhookOptions>()
            .BindConfiguration("Webhooks")
            .Validate(
                o => o.Timeout > TimeSpan.Zero && o.RetryFor > TimeSpan.Zero,
                "Webhooks: Timeout and RetryFor must be positive."
            )
            .Validate(
                o => o.BackoffBase > TimeSpan.Zero && o.BackoffMax >= o.BackoffBase,
                "Webhooks: BackoffBase must be positive and at most BackoffMax."
            )
            .ValidateOnStart();
        services.AddTargetClient<WebhookClient>();
        services.AddScoped<WebhookEvents>();
        services.AddScoped<ITeamEvents>(sp => sp.GetRequiredService<WebhookEvents>());
        services.AddScoped<WebhookDispatcher>();
        services.AddSingleton<RouteSecrets>();
        // The outbox rows commit with each new match, in the matcher's own SaveChanges.
        services.AddScoped<INewMatchPlanner, AlertPlanner>();
        services.AddScoped<INewMatchPlanner, MatchCreatedEvents>();
        services.AddScoped<ILaneNotices, PausedRouteNotices>();
        services.AddScoped<AlertDispatcher>();
        services.AddScoped<RouteTester>();
        services.AddScoped<ChannelLimiter>();
        services.AddScoped<DeliveryLatency>();
        services.AddScoped<IAlertSender, SlackSender>();
        services
            .AddOptions<TelegramOptions>()
            .BindConfiguration("Telegram")
            .Validate(o => o.ApiBaseUrl.IsAbsoluteUri, "Telegram:ApiBaseUrl must be an absolute URL.")
            .Validate(
                o => o.PerChatInterval > TimeSpan.Zero && o.PerGroupInterval >= TimeSpan.FromSeconds(3),
                "Telegram: PerChatInterval must be positive and PerGroupInterval at least 3 s (20 a minute)."
            )
            .ValidateOnStart();
        services.AddOptions<DiscordOptions>().BindConfiguration("Discord");
        services.AddOptions<TeamsOptions>().BindConfiguration("Teams");
        services.AddTargetClient<ChatWebhookClient>();
        services.AddTargetClient<TelegramSender>();
        services.AddScoped<IAlertSender>(sp => sp.GetRequiredService<TelegramSender>());
        services.AddScoped<IAlertSender, DiscordSender>();
        services.AddScoped<IAlertSender, TeamsSender>();
        services.AddScoped<EmailSender>();
        services.AddScoped<IAlertSender>(sp => sp.GetRequiredService<EmailSender>());
        services.AddHostedService<DispatcherLoop>();
        return services;
    }

    /// <summary>
    /// An HTTP client for route targets: its own per-request timeout (so it can tell a timeout from a
    /// shutdown), no request logging (a webhook URL can itself be the secret), every connection
    /// through <see cref="TargetHosts"/> (no addresses inside the network), no redirects.
    /// </summary>
    public static IHttpClientBuilder AddTargetClient<TClient>(this IServiceCollection services)
        where TClient : class =>
        services
            .AddHttpClient<TClient>(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<TargetHosts>().ConnectAsync,
                AllowAutoRedirect = false,
            });

    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        api.MapGet(
                "/alerts",
                async (AppDbContext db, string? after, int? limit, CancellationToken ct) =>
                {
                    if (!PageRequest.TryParse(after, limit, out var page, out var error))
                    {
                        return PageRequest.Invalid(error);
                    }
                    var query = db.Alerts.AsNoTracking();
                    if (page.After is not null)
                    {
                        if (!page.TryGetLongKey(out var afterId))
                        {
                            return PageRequest.Invalid();
                        }
                        query = query.Where(a => a.Id < afterId);
                    }
                    var rows = await query
                        .OrderByDescending(a => a.Id)
                        .Take(page.Limit + 1)
                        .Select(a => new
                        {
                            a.Id,
                            a.Match!.PostingId,
                            a.Match.LaneId,
                            a.Channel,
                            a.Target,
                            a.Status,
                            a.Attempts,
                            a.DeliveredAt,
                        })
                        .ToListAsync(ct);
                    return Results.Ok(
                        page.ToPage(
                            rows,
                            a => a.Id.ToString(CultureInfo.InvariantCulture),
                            a => new AlertItem(
                                a.PostingId,
                                a.LaneId,
                                a.Channel == AlertChannel.InApp ? "in-app" : a.Target,
                                a.Status.ToString(),
                                a.Attempts,
                                a.DeliveredAt
                            )
                        )
                    );
                }
            )
            .WithSummary("Deliveries of matches to the in-app queue, Slack and e-mail, newest first.");
        return api;
    }
}
