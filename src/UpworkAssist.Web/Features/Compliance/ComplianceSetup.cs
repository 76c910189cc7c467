using Hangfire;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.BackgroundJobs;
using UpworkAssist.Web.Features.Routing.Webhooks;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>The compliance centre (issue 9): signals, inventory, audit plan, quarterly review, export.</summary>
public static class ComplianceSetup
{
    public static IServiceCollection AddCompliance(this IServiceCollection services)
    {
        services
            .AddOptions<ComplianceOptions>()
            .BindConfiguration(ComplianceOptions.Section)
            .Validate(
                o => o.UsageAmberPercent is > 0 and <= 100 && o.PaceAmberPercent is > 0 and <= 100,
                "Compliance: the amber percentages must be between 1 and 100."
            )
            .Validate(
                o => o.RateLimitedRedPerDay > 0 && o.RateLimitedRedPerWeek > 0,
                "Compliance: the 429 red thresholds must be positive."
            )
            .Validate(
                o => o.ErrorAmberPercent > 0 && o.ErrorAmberPercent <= o.ErrorRedPercent,
                "Compliance:ErrorAmberPercent must be positive and at most ErrorRedPercent."
            )
            .Validate(
                o => o.UneditedAmberPercent > 0 && o.UneditedAmberPercent <= o.UneditedRedPercent,
                "Compliance:UneditedAmberPercent must be positive and at most UneditedRedPercent."
            )
            .Validate(
                o => o.AlertFailureRedPercent is > 0 and <= 100,
                "Compliance:AlertFailureRedPercent must be between 0 and 100."
            )
            .Validate(
                o => o.ReviewGrace > TimeSpan.Zero && o.ReviewReminderInterval > TimeSpan.Zero,
                "Compliance: ReviewGrace and ReviewReminderInterval must be positive."
            )
            .Validate(
                o => o.FeedGapAlertDelay >= TimeSpan.Zero && o.FeedGapAlertDelay <= TimeSpan.FromDays(1),
                "Compliance:FeedGapAlertDelay must be between 00:00:00 and 1.00:00:00."
            )
            .Validate(
                o => o.RequestLogRetention >= TimeSpan.FromDays(7),
                "Compliance:RequestLogRetention must be at least 7 days (the signals look back a week)."
            )
            .Validate(o => o.OutsideAmberPerWeek > 0, "Compliance:OutsideAmberPerWeek must be positive.")
            .Validate(
                o => o.NotFoundAfter >= TimeSpan.FromHours(1) && o.NotFoundAfter <= TimeSpan.FromDays(7),
                "Compliance:NotFoundAfter must be between 01:00:00 and 7.00:00:00."
            )
            .ValidateOnStart();
        services.AddScoped<ComplianceSignals>();
        services.AddScoped<ComplianceExport>();
        services.AddScoped<AdminNotifier>();
        services.AddScoped<ReviewReminder>();
        services.AddScoped<IWebhookNotices, WebhookNotices>();
        services.AddRecurringJob<QuarterlyReviewJob>(
            QuarterlyReviewJob.Id,
            Cron.Hourly(),
            job => job.RunAsync(CancellationToken.None)
        );
        services.AddRecurringJob<FeedWatchJob>(
            FeedWatchJob.Id,
            FeedWatchJob.Schedule,
            job => job.RunAsync(CancellationToken.None)
        );
        services.AddRecurringJob<SignalWatchJob>(
            SignalWatchJob.Id,
            SignalWatchJob.Schedule,
            job => job.RunAsync(CancellationToken.None)
        );
        services.AddRecurringJob<RequestLogPrune>(
            RequestLogPrune.Id,
            Cron.Daily(4),
            job => job.RunAsync(CancellationToken.None)
        );
        // UpworkAssist's own row in the automation inventory, on every start.
        services.AddStoreSeed("automation inventory", (db, _, clock, ct) => BuiltInTool.SeedAsync(db, clock, ct));
        return services;
    }
}
