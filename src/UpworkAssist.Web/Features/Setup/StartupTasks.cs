using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Setup;

/// <summary>
/// Work that must finish before the first request: migrations, every feature's
/// <see cref="StoreSeed"/>, roles, the bootstrap Admin.
/// A hosted service registered before the web server starts first, and a failure here stops
/// start-up with the reason in the log.
/// </summary>
public sealed class StartupTasks(
    IServiceProvider services,
    FirstRun firstRun,
    IEnumerable<StoreSeed> seeds,
    IOptions<BootstrapOptions> bootstrap,
    TimeProvider clock
) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.MigrateStoreAsync(cancellationToken);
        var newInstall = !await firstRun.HasUsersAsync(cancellationToken);
        foreach (var seed in seeds)
        {
            await using var scope = services.CreateAsyncScope();
            await seed.Run(
                scope.ServiceProvider.GetRequiredService<AppDbContext>(),
                newInstall,
                clock,
                cancellationToken
            );
        }
        await firstRun.InitializeAsync(bootstrap.Value, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
