using Hangfire;
using UpworkAssist.Web.Features.BackgroundJobs;

namespace UpworkAssist.Web.Features.Queue;

public static class QueueSetup
{
    public static IServiceCollection AddQueue(this IServiceCollection services)
    {
        services.AddScoped<QueueQuery>();
        services.AddScoped<Triage>();
        services.AddRecurringJob<SnoozeWake>(
            SnoozeWake.Id,
            Cron.Minutely(),
            job => job.RunAsync(CancellationToken.None)
        );
        return services;
    }
}
