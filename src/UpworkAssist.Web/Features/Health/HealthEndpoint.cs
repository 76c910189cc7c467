using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Health;

/// <summary>`GET /healthz`: 200 when the store answers and every migration is applied, else 503. Says nothing else.</summary>
public static class HealthEndpoint
{
    public sealed record HealthStatus(string Status);

    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", async (IDbContextFactory<AppDbContext> factory, ILoggerFactory loggers, CancellationToken ct) =>
            {
                try
                {
                    await using var db = await factory.CreateDbContextAsync(ct);
                    var ready = await db.Database.CanConnectAsync(ct) && !(await db.Database.GetPendingMigrationsAsync(ct)).Any();
                    return ready
                        ? Results.Ok(new HealthStatus("ok"))
                        : Results.Json(new HealthStatus("unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    loggers.CreateLogger("Health").LogWarning(ex, "Health check failed");
                    return Results.Json(new HealthStatus("unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            })
            .RequireAccess()
            .ExcludeFromDescription();
}
