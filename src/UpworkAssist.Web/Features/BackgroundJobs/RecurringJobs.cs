using System.Linq.Expressions;
using Hangfire;

namespace UpworkAssist.Web.Features.BackgroundJobs;

/// <summary>One recurring job a feature asked for; applied to Hangfire once the app is built.</summary>
public sealed record RecurringJob(string Id, Action<IRecurringJobManager> Register);

public static class RecurringJobs
{
    /// <summary>
    /// Registers a recurring job from the feature that owns it, so the feature's `Add…()` says
    /// everything it runs; <see cref="BackgroundJobsSetup.MapBackgroundJobs"/> schedules them all.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(
        this IServiceCollection services,
        string id,
        string cron,
        Expression<Func<TJob, Task>> run
    )
        where TJob : class
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new RecurringJob(id, manager => manager.AddOrUpdate(id, run, cron)));
        return services;
    }
}
