using Hangfire;
using Hangfire.Dashboard;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.BackgroundJobs;

public sealed class JobsOptions
{
    /// <summary>Hangfire workers; a few suffice because durable work lives in our own outbox tables.</summary>
    public int WorkerCount { get; set; } = 4;
}

/// <summary>
/// Hangfire on in-memory storage (docs/adr/0003): jobs are triggers, and the state they act on
/// lives in the application's own tables, so a restart loses nothing. Each feature registers
/// its own recurring jobs (<see cref="RecurringJobs.AddRecurringJob"/>); they are scheduled here.
/// </summary>
public static class BackgroundJobsSetup
{
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().BindConfiguration("Jobs")
            .Validate(o => o.WorkerCount is >= 1 and <= 64, "Jobs:WorkerCount must be between 1 and 64.")
            .ValidateOnStart();
        var options = configuration.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();

        services.AddHangfire(cfg => cfg
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseInMemoryStorage());
        services.AddHangfireServer(o => o.WorkerCount = options.WorkerCount);
        services.AddRecurringJob<SqliteMaintenanceJob>(SqliteMaintenanceJob.Id, Cron.Daily(3), job => job.RunAsync(CancellationToken.None));
        return services;
    }

    public static WebApplication MapBackgroundJobs(this WebApplication app)
    {
        // Authorization is the endpoint's Admin policy: anonymous users are sent to login and
        // other roles get 403, exactly like the pages.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = Array.Empty<IDashboardAuthorizationFilter>(),
                AppPath = "/Admin",
                DashboardTitle = "UpworkAssist jobs",
                DisplayStorageConnectionString = false,
            })
            .RequireAuthorization(Policies.Admin);

        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        foreach (var job in app.Services.GetServices<RecurringJob>())
        {
            job.Register(manager);
        }
        return app;
    }
}
