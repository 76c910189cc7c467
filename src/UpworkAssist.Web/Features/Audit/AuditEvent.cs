using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpworkAssist.Web.Features.Audit;

/// <summary>Who did what to which subject, when and from where. Never updated or deleted.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public string? SubjectType { get; set; }
    public string? SubjectId { get; set; }
    public string? Details { get; set; }
    public string? IpAddress { get; set; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.Property(a => a.ActorName).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.SubjectType).HasMaxLength(64);
        b.Property(a => a.SubjectId).HasMaxLength(128);
        b.Property(a => a.Details).HasMaxLength(2000);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.Action, a.At });
        b.HasIndex(a => new { a.ActorId, a.At });
        b.HasIndex(a => new { a.SubjectType, a.SubjectId });
    }
}
