using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpworkAssist.Web.Features.Knowledge;

/// <summary>A knowledge base page: Markdown kept as written, rendered and sanitized on display.</summary>
public sealed class KnowledgePage
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Markdown { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public int Version { get; set; }
}

internal sealed class KnowledgePageConfiguration : IEntityTypeConfiguration<KnowledgePage>
{
    public void Configure(EntityTypeBuilder<KnowledgePage> b)
    {
        b.ToTable("KnowledgePages");
        b.Property(p => p.Slug).HasMaxLength(80);
        b.HasIndex(p => p.Slug).IsUnique();
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.Markdown).HasMaxLength(100_000);
        b.Property(p => p.UpdatedBy).HasMaxLength(256);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}
