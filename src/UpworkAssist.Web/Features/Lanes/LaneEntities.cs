using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>An ideal-customer filter. The rules themselves are kept as the RULES.md lane JSON.</summary>
public sealed class Lane
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public bool Enabled { get; set; } = true;
    public string RulesJson { get; set; } = "{}";

    /// <summary>An optional marketplace full-text search that narrows what the feed fetches for this lane.</summary>
    public string? SearchExpression { get; set; }

    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

public enum MatchStatus
{
    New,
    Shortlisted,
    Dismissed,
    Snoozed,
    Assigned,
}

/// <summary>A posting that a lane matched, with the evidence for the decision.</summary>
public sealed class Match
{
    public long Id { get; set; }
    public required string PostingId { get; set; }
    public required string LaneId { get; set; }

    /// <summary>The lane's include keywords found in the posting, as the rules engine reported them.</summary>
    public List<string> MatchedKeywords { get; set; } = [];
    public double Score { get; set; }
    public DateTimeOffset MatchedAt { get; set; }
    public MatchStatus Status { get; set; }
    public string? AssigneeId { get; set; }
    public DateTimeOffset? SnoozedUntil { get; set; }

    /// <summary>Why a person dismissed it; feeds the lane's quality figures.</summary>
    public string? DismissReason { get; set; }

    /// <summary>Who last changed the status, and when: what a conflicting lead is told.</summary>
    public DateTimeOffset? StatusChangedAt { get; set; }
    public string? StatusChangedBy { get; set; }
    public int Version { get; set; }
    public Posting? Posting { get; set; }
    public Lane? Lane { get; set; }
}

internal sealed class LaneConfiguration : IEntityTypeConfiguration<Lane>
{
    public void Configure(EntityTypeBuilder<Lane> b)
    {
        b.Property(l => l.Id).HasMaxLength(64);
        b.Property(l => l.Name).HasMaxLength(100).IsRequired();
        b.Property(l => l.SearchExpression).HasMaxLength(500);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasIndex(l => l.Name).IsUnique();
    }
}

internal sealed class MatchConfiguration : IEntityTypeConfiguration<Match>
{
    public void Configure(EntityTypeBuilder<Match> b)
    {
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => new { m.PostingId, m.LaneId }).IsUnique();
        b.HasIndex(m => new { m.LaneId, m.MatchedAt });
        b.Property(m => m.DismissReason).HasMaxLength(200);
        b.Property(m => m.StatusChangedBy).HasMaxLength(256);
        // The queue pages newest first (MatchedAt, then the rowid Id) within these filters;
        // docs/performance.md has the measurements that chose them.
        b.HasIndex(m => m.MatchedAt);
        b.HasIndex(m => new { m.Status, m.MatchedAt });
        b.HasIndex(m => new
        {
            m.LaneId,
            m.Status,
            m.MatchedAt,
        });
        b.HasIndex(m => new { m.AssigneeId, m.MatchedAt });
        b.HasOne(m => m.Posting).WithMany().HasForeignKey(m => m.PostingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Lane).WithMany().HasForeignKey(m => m.LaneId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(m => m.AssigneeId).OnDelete(DeleteBehavior.SetNull);
    }
}
