using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Setup;

/// <summary>
/// Work that must finish before the first request: migrations, roles, the bootstrap Admin.
/// A hosted service registered before the web server starts first, and a failure here stops
/// start-up with the reason in the log.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, FirstRun firstRun, IConfiguration configuration, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.MigrateStoreAsync(cancellationToken);
        if (!await firstRun.HasUsersAsync(cancellationToken))
        {
            // A brand-new install gets editable starter lanes; an install in use is never re-seeded.
            await using var scope = services.CreateAsyncScope();
            await StarterLanes.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), clock, cancellationToken);
        }
        await using (var scope = services.CreateAsyncScope())
        {
            await StarterTemplates.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), clock, cancellationToken);
        }
        await firstRun.InitializeAsync(configuration, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
