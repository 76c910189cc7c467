using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.BackgroundJobs;

/// <summary>
/// Daily store upkeep: refresh the query planner's statistics and fold the WAL back into the
/// database file so it does not grow without bound between quiet periods.
/// </summary>
public sealed class SqliteMaintenanceJob(AppDbContext db, ILogger<SqliteMaintenanceJob> logger)
{
    public const string Id = "sqlite-maintenance";

    public async Task RunAsync(CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }
        await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
        logger.LogInformation("SQLite maintenance done: statistics refreshed, WAL checkpointed");
    }
}
