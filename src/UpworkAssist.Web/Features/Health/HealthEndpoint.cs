using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Health;

/// <summary>
/// `GET /healthz`: 200 when the store answers and every migration is applied, else 503. Says which
/// provider the store is on and whether it is migrated, and nothing else (no host, no version).
/// </summary>
public static class HealthEndpoint
{
    public sealed record HealthStatus(string Status, string Provider, bool Migrated);

    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet(
                "/healthz",
                async (
                    IDbContextFactory<AppDbContext> factory,
                    StoreProvider store,
                    ILoggerFactory loggers,
                    CancellationToken ct
                ) =>
                {
                    var provider = store.Kind.ToString();
                    try
                    {
                        await using var db = await factory.CreateDbContextAsync(ct);
                        if (!await db.Database.CanConnectAsync(ct))
                        {
                            return Results.Json(
                                new HealthStatus("unavailable", provider, false),
                                statusCode: StatusCodes.Status503ServiceUnavailable
                            );
                        }
                        var migrated = !(await db.Database.GetPendingMigrationsAsync(ct)).Any();
                        return migrated
                            ? Results.Ok(new HealthStatus("ok", provider, true))
                            : Results.Json(
                                new HealthStatus("unavailable", provider, false),
                                statusCode: StatusCodes.Status503ServiceUnavailable
                            );
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        loggers.CreateLogger("Health").LogWarning(ex, "Health check failed");
                        return Results.Json(
                            new HealthStatus("unavailable", provider, false),
                            statusCode: StatusCodes.Status503ServiceUnavailable
                        );
                    }
                }
            )
            .RequireAccess()
            .ExcludeFromDescription();
}
