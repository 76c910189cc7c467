using Hangfire;

namespace UpworkAssist.Web.Features.Queue;

public static class QueueSetup
{
    public static IServiceCollection AddQueue(this IServiceCollection services)
    {
        services.AddScoped<QueueQuery>();
        services.AddScoped<Triage>();
        services.AddScoped<SnoozeWake>();
        return services;
    }

    public static WebApplication MapQueue(this WebApplication app)
    {
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<SnoozeWake>(SnoozeWake.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        return app;
    }
}
