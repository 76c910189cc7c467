using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using UpworkAssist.Web.Data;
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
        services
            .AddOptions<JobsOptions>()
            .BindConfiguration("Jobs")
            .Validate(o => o.WorkerCount is >= 1 and <= 64, "Jobs:WorkerCount must be between 1 and 64.")
            .ValidateOnStart();
        var options = configuration.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();

        var storage = StorageOptions.From(configuration);
        services.AddHangfire(
            (sp, cfg) =>
            {
                cfg.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                    .UseSimpleAssemblyNameTypeSerializer()
                    .UseRecommendedSerializerSettings();
                // One instance: jobs in memory, rebuilt from the features' registrations at start. Several
                // instances (PostgreSQL): Hangfire's own schema on the same server, so each recurring job
                // runs once per schedule across all of them (docs/adr/0003, 0007).
                if (storage.IsPostgres)
                {
                    var connectionString = sp.GetRequiredService<StoreProvider>().ConnectionString;
                    cfg.UsePostgreSqlStorage(
                        o => o.UseNpgsqlConnection(connectionString),
                        new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true }
                    );
                }
                else
                {
                    cfg.UseInMemoryStorage();
                }
            }
        );
        services.AddHangfireServer(o => o.WorkerCount = options.WorkerCount);
        if (!storage.IsPostgres)
        {
            // PostgreSQL's autovacuum does this work itself.
            services.AddRecurringJob<SqliteMaintenanceJob>(
                SqliteMaintenanceJob.Id,
                Cron.Daily(3),
                job => job.RunAsync(CancellationToken.None)
            );
        }
        return services;
    }

    public static WebApplication MapBackgroundJobs(this WebApplication app)
    {
        // The dashboard's stats poll reads a form and throws on anything else (a GET answered 500):
        // answer such requests ourselves.
        app.Use(
            async (context, next) =>
            {
                if (
                    context.Request.Path.Equals("/hangfire/stats", StringComparison.OrdinalIgnoreCase)
                    && !(HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
                )
                {
                    context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                    context.Response.Headers.Allow = "POST";
                    return;
                }
                await next(context);
            }
        );

        // Authorization is the endpoint's Admin policy: anonymous users are sent to login and
        // other roles get 403, exactly like the pages.
        app.MapHangfireDashboard(
                "/hangfire",
                new DashboardOptions
                {
                    Authorization = Array.Empty<IDashboardAuthorizationFilter>(),
                    AppPath = "/Admin",
                    DashboardTitle = "UpworkAssist jobs",
                    DisplayStorageConnectionString = false,
                }
            )
            .RequireAccess();

        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        foreach (var job in app.Services.GetServices<RecurringJob>())
        {
            job.Register(manager);
        }
        return app;
    }
}
