using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

public enum RequestOutcome
{
    Ok,
    RateLimited,
    Error,
}

/// <summary>
/// One request to the marketplace (or the demo feed) and how it ended; kept for the compliance centre's windows, then
/// pruned.
/// </summary>
public sealed class MarketplaceRequest
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public FeedSource Source { get; set; }
    public RequestOutcome Outcome { get; set; }

    /// <summary>The failure kind and message for errors (never a token).</summary>
    public string? Detail { get; set; }
}

/// <summary>
/// Requests per UTC day, kept for good, so a compliance export covers any period after the detail rows are pruned.
/// </summary>
public sealed class MarketplaceRequestDay
{
    public DateOnly Day { get; set; }
    public int Requests { get; set; }
    public int RateLimited { get; set; }
    public int Errors { get; set; }
}

internal sealed class MarketplaceRequestConfiguration : IEntityTypeConfiguration<MarketplaceRequest>
{
    public void Configure(EntityTypeBuilder<MarketplaceRequest> b)
    {
        b.ToTable("MarketplaceRequests");
        b.Property(r => r.Source).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Detail).HasMaxLength(500);
        b.HasIndex(r => r.At);
    }
}

internal sealed class MarketplaceRequestDayConfiguration : IEntityTypeConfiguration<MarketplaceRequestDay>
{
    public void Configure(EntityTypeBuilder<MarketplaceRequestDay> b)
    {
        b.ToTable("MarketplaceRequestDays");
        b.HasKey(d => d.Day);
    }
}

/// <summary>
/// Writes one row per request and bumps the day's counters, in one statement pair on its own
/// short-lived context, so the request log never depends on the poller's unit of work.
/// </summary>
public sealed class RequestLog(IDbContextFactory<AppDbContext> dbs, TimeProvider clock, ILogger<RequestLog> logger)
{
    public async Task RecordAsync(FeedSource source, RequestOutcome outcome, string? detail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // A DateOnly parameter: 'yyyy-MM-dd' text on SQLite and a date on PostgreSQL, as EF stores the key.
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        int limited = outcome == RequestOutcome.RateLimited ? 1 : 0,
            errors = outcome == RequestOutcome.Error ? 1 : 0;
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            db.MarketplaceRequests.Add(
                new MarketplaceRequest
                {
                    At = now,
                    Source = source,
                    Outcome = outcome,
                    Detail = detail is { Length: > 500 } d ? d[..500] : detail,
                }
            );
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "MarketplaceRequestDays" ("Day", "Requests", "RateLimited", "Errors")
                VALUES ({day}, 1, {limited}, {errors})
                ON CONFLICT ("Day") DO UPDATE SET "Requests" = "MarketplaceRequestDays"."Requests" + 1,
                  "RateLimited" = "MarketplaceRequestDays"."RateLimited" + {limited},
                  "Errors" = "MarketplaceRequestDays"."Errors" + {errors}
                """,
                ct
            );
            await tx.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            // The request itself happened; a busy store must not fail the feed over its bookkeeping.
            // DbException covers both providers' own (SqliteException, NpgsqlException/PostgresException).
            logger.LogWarning(ex, "Could not record a marketplace request in the request log");
        }
    }

    /// <summary>Deletes request rows older than the retention; the day counters stay.</summary>
    public static Task<int> PruneAsync(AppDbContext db, DateTimeOffset olderThan, CancellationToken ct) =>
        db.MarketplaceRequests.Where(r => r.At < olderThan).ExecuteDeleteAsync(ct);
}
