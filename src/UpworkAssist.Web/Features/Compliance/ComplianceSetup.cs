using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Knowledge;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>The compliance centre (issue 9): signals, inventory, audit plan, quarterly review, export.</summary>
public static class ComplianceSetup
{
    public static IServiceCollection AddCompliance(this IServiceCollection services)
    {
        services.AddOptions<ComplianceOptions>().BindConfiguration(ComplianceOptions.Section)
            .Validate(o => o.UsageAmberPercent is > 0 and <= 100 && o.PaceAmberPercent is > 0 and <= 100, "Compliance: the amber percentages must be between 1 and 100.")
            .Validate(o => o.RateLimitedRedPerDay > 0 && o.RateLimitedRedPerWeek > 0, "Compliance: the 429 red thresholds must be positive.")
            .Validate(o => o.ErrorAmberPercent > 0 && o.ErrorAmberPercent <= o.ErrorRedPercent, "Compliance:ErrorAmberPercent must be positive and at most ErrorRedPercent.")
            .Validate(o => o.UneditedAmberPercent > 0 && o.UneditedAmberPercent <= o.UneditedRedPercent, "Compliance:UneditedAmberPercent must be positive and at most UneditedRedPercent.")
            .Validate(o => o.AlertFailureRedPercent is > 0 and <= 100, "Compliance:AlertFailureRedPercent must be between 0 and 100.")
            .Validate(o => o.ReviewGrace > TimeSpan.Zero && o.ReviewReminderInterval > TimeSpan.Zero, "Compliance: ReviewGrace and ReviewReminderInterval must be positive.")
            .Validate(o => o.FeedGapAlertDelay >= TimeSpan.Zero && o.FeedGapAlertDelay <= TimeSpan.FromDays(1), "Compliance:FeedGapAlertDelay must be between 00:00:00 and 1.00:00:00.")
            .Validate(o => o.RequestLogRetention >= TimeSpan.FromDays(7), "Compliance:RequestLogRetention must be at least 7 days (the signals look back a week).")
            .ValidateOnStart();
        services.AddScoped<ComplianceSignals>();
        services.AddScoped<ComplianceExport>();
        services.AddScoped<AdminNotifier>();
        services.AddScoped<ReviewReminder>();
        services.AddScoped<QuarterlyReviewJob>();
        services.AddScoped<FeedWatchJob>();
        services.AddScoped<RequestLogPrune>();
        // Registered after the start-up tasks, so the store is migrated when it runs.
        services.AddHostedService<ComplianceSeed>();
        return services;
    }

    /// <summary>UpworkAssist's own inventory row (always) and the starter knowledge pages (on an empty knowledge base).</summary>
    private sealed class ComplianceSeed(IServiceProvider services, TimeProvider clock) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await BuiltInTool.SeedAsync(db, clock, cancellationToken);
            await StarterPages.SeedAsync(db, clock, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
