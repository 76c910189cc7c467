using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpworkAssist.Web.Data;

/// <summary>
/// A named fact every instance reads from the store rather than from memory, so that several
/// instances agree (docs/adr/0007): "Poll now" asked on any instance, the marketplace's
/// Retry-After that holds for all. One row per name; <see cref="Version"/> grows with each raise.
/// </summary>
public sealed class StoreSignal
{
    public required string Name { get; set; }
    public long Version { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Note { get; set; }
}

internal sealed class StoreSignalConfiguration : IEntityTypeConfiguration<StoreSignal>
{
    public void Configure(EntityTypeBuilder<StoreSignal> b)
    {
        b.ToTable("StoreSignals");
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(64);
        b.Property(s => s.Note).HasMaxLength(200);
    }
}

/// <summary>Raising and reading <see cref="StoreSignal"/> rows, in SQL both providers accept alike.</summary>
public static class StoreSignals
{
    /// <summary>
    /// Creates the row or bumps its version in one statement, so two instances raising at once
    /// both count (no read-then-write race).
    /// </summary>
    public static Task RaiseAsync(AppDbContext db, string name, DateTimeOffset at, string? note, CancellationToken ct)
    {
        var ticks = at.UtcTicks;
        var clipped = note is { Length: > 200 } n ? n[..200] : note;
        return db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "StoreSignals" ("Name", "Version", "At", "Note") VALUES ({name}, 1, {ticks}, {clipped})
            ON CONFLICT ("Name") DO UPDATE
            SET "Version" = "StoreSignals"."Version" + 1, "At" = excluded."At", "Note" = excluded."Note"
            """,
            ct
        );
    }

    public static Task<StoreSignal?> ReadAsync(AppDbContext db, string name, CancellationToken ct) =>
        db.StoreSignals.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name, ct);
}
