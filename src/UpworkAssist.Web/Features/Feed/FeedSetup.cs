using System.Security.Claims;
using Hangfire;
using UpworkAssist.Web.Features.BackgroundJobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UpworkAssist.Core;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Api;
using UpworkAssist.Web.Features.Queue;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>The official job feed (issue 3): options, OAuth2 grant, GraphQL client, poller, demo feed, retention, pages and API.</summary>
public static class FeedSetup
{
    public static string UserAgent => $"{ProductInfo.Name}/{ProductInfo.Version} (+self-hosted)";

    public static IServiceCollection AddFeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UpworkOptions>().BindConfiguration(UpworkOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UpworkOptions>, UpworkOptionsValidation>();

        services.AddHttpClient(MarketplaceClient.HttpClientName, c =>
        {
            // An honest name, never a browser imitation; the client's own timeout governs each request.
            c.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            c.Timeout = Timeout.InfiniteTimeSpan;
        });
        services.AddSingleton<RateGovernor>();
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
        services.AddScoped<FeedGaps>();
        services.AddRecurringJob<RetentionPurge>(RetentionPurge.Id, Cron.Minutely(), job => job.RunAsync(CancellationToken.None));
        services.AddHostedService<FeedLoop>();
        return services;
    }

    public static RouteGroupBuilder MapPostingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/postings", async (AppDbContext db, ClaimsPrincipal user, string? after, int? limit, CancellationToken ct) =>
            {
                if (!PageRequest.TryParse(after, limit, out var page, out var error))
                {
                    return PageRequest.Invalid(error);
                }
                var query = JobAccess.Visible(db.Postings.AsNoTracking(), db.Matches, user);
                if (page.After is not null)
                {
                    if (!PostingJson.TryParseKey(page.After, out var ticks, out var id))
                    {
                        return PageRequest.Invalid();
                    }
                    var at = new DateTimeOffset(ticks, TimeSpan.Zero);
#pragma warning disable CA1309 // EF translates this to SQLite's `<`, which compares ordinally
                    query = query.Where(p => p.PublishedAt < at || (p.PublishedAt == at && string.Compare(p.Id, id) < 0));
#pragma warning restore CA1309
                }
                var rows = await query.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id).Take(page.Limit + 1).ToListAsync(ct);
                return Results.Ok(page.ToPage(rows, PostingJson.Key, PostingJson.From));
            })
            .WithSummary("Postings in the store, newest published first: RULES.md Jobs plus fetchedAt. A Freelancer reads only the jobs assigned to them.");
        return api;
    }
}
