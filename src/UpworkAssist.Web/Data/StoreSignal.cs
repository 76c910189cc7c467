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
