using Microsoft.Extensions.Options;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// Runs the dispatcher every PollInterval on the injected clock (Hangfire's cron is minute-grained;
/// Slack's limit is per second). All state is in the outbox tables, so this loop holds none.
/// </summary>
public sealed class DispatcherLoop(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<RoutingOptions> options,
    ILogger<DispatcherLoop> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AlertDispatcher>().RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Alert dispatch failed; trying again next run");
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope
                    .ServiceProvider.GetRequiredService<Webhooks.WebhookDispatcher>()
                    .RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Webhook dispatch failed; trying again next run");
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
