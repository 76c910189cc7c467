using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UpworkAssist.Core;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Api;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.BackgroundJobs;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The official job feed (issue 3): options, OAuth2 grant, GraphQL client, poller, demo feed, retention, pages and API.
/// </summary>
public static class FeedSetup
{
    public static string UserAgent => $"{ProductInfo.Name}/{ProductInfo.Version} (+self-hosted)";

    public static IServiceCollection AddFeed(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<UpworkOptions>()
            .BindConfiguration(UpworkOptions.Section)
            .Validate(
                o => o.MaxRequestsPerMinute is >= 1 and <= UpworkOptions.HardMaxPerMinute,
                $"Upwork:MaxRequestsPerMinute must be between 1 and {UpworkOptions.HardMaxPerMinute}."
            )
            .Validate(
                o => o.MaxRequestsPerDay is >= 1 and <= UpworkOptions.HardMaxPerDay,
                $"Upwork:MaxRequestsPerDay must be between 1 and {UpworkOptions.HardMaxPerDay}."
            )
            .Validate(
                o => o.ContentRetention > TimeSpan.Zero && o.ContentRetention <= UpworkOptions.HardMaxRetention,
                "Upwork:ContentRetention must be more than zero and at most 1.00:00:00 (24 hours)."
            )
            .Validate(
                o => o.PollInterval >= TimeSpan.FromSeconds(1) && o.PollInterval <= TimeSpan.FromDays(1),
                "Upwork:PollInterval must be between 00:00:01 and 1.00:00:00."
            )
            .Validate(o => o.PageSize is >= 1 and <= 100, "Upwork:PageSize must be between 1 and 100.")
            .Validate(o => o.MaxPagesPerPoll is >= 1 and <= 100, "Upwork:MaxPagesPerPoll must be between 1 and 100.")
            .Validate(
                o => o.PollOverlap >= TimeSpan.Zero && o.PollOverlap <= TimeSpan.FromHours(1),
                "Upwork:PollOverlap must be between 00:00:00 and 01:00:00."
            )
            .Validate(
                o => o.InitialLookback > TimeSpan.Zero && o.InitialLookback <= UpworkOptions.HardMaxRetention,
                "Upwork:InitialLookback must be more than zero and at most 1.00:00:00."
            )
            .Validate(o => o.SearchResultCap >= 1, "Upwork:SearchResultCap must be positive.")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "Upwork:RequestTimeout must be positive.")
            .Validate(
                o =>
                    o.EffectiveMode != FeedMode.Api
                    || (!string.IsNullOrWhiteSpace(o.ClientId) && !string.IsNullOrWhiteSpace(o.ClientSecret)),
                "Upwork:Mode is Api but Upwork:ClientId and Upwork:ClientSecret are not both set."
            )
            .ValidateOnStart();

        services.AddHttpClient(
            MarketplaceClient.HttpClientName,
            c =>
            {
                // An honest name, never a browser imitation; the client's own timeout governs each request.
                c.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
                c.Timeout = Timeout.InfiniteTimeSpan;
            }
        );
        // One poller across instances: an advisory lock when the store is shared (docs/adr/0007).
        services.AddSingleton<IPollLease>(sp =>
            sp.GetRequiredService<StoreProvider>().IsPostgres
                ? ActivatorUtilities.CreateInstance<PostgresPollLease>(sp)
                : new InProcessPollLease()
        );
        services.AddSingleton<RateGovernor>();
        services.AddSingleton<FeedSignals>();
        services.AddAuditSubjects<PostingAuditNames>();
        services.AddSingleton<FeedMonitor>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<MarketplaceTokens>();
        services.AddSingleton<DemoMarketplace>();
        services.AddScoped<MarketplaceClient>();
        services.AddScoped<ApiJobSearch>();
        services.AddScoped<DemoJobSearch>();
        services.AddScoped(JobSearchSources.For);
        services.AddScoped<PostingIngest>();
        services.AddScoped<FeedPoller>();
        services.AddScoped<SearchRead>();
        services.AddScoped<FeedGaps>();
        services.AddRecurringJob<RetentionPurge>(
            RetentionPurge.Id,
            Cron.Minutely(),
            job => job.RunAsync(CancellationToken.None)
        );
        services.AddHostedService<FeedLoop>();
        return services;
    }
}
