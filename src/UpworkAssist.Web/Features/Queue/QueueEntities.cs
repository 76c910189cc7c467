using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>A person's saved queue filter: a name and the query string it stands for.</summary>
public sealed class FilterPreset
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string Query { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class FilterPresetConfiguration : IEntityTypeConfiguration<FilterPreset>
{
    public void Configure(EntityTypeBuilder<FilterPreset> b)
    {
        b.ToTable("FilterPresets");
        b.Property(p => p.Name).HasMaxLength(60);
        b.Property(p => p.Query).HasMaxLength(1000);
        b.HasIndex(p => new { p.UserId, p.Name }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
