using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Setup;

/// <summary>
/// Work that must finish before the first request: migrations, roles, the bootstrap Admin.
/// A hosted service registered before the web server starts first, and a failure here stops
/// start-up with the reason in the log.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, FirstRun firstRun, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.MigrateStoreAsync(cancellationToken);
        await firstRun.InitializeAsync(configuration, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
