using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>The one marketplace connection (row 1): tokens protected with Data Protection, and why the feed is halted, if it is.</summary>
public sealed class MarketplaceConnection
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    public string? ProtectedAccessToken { get; set; }
    public string? ProtectedRefreshToken { get; set; }
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    /// <summary>"browser" (the Connect flow) or "configuration" (Upwork:RefreshToken).</summary>
    public string Origin { get; set; } = "browser";
    public string? ConnectedBy { get; set; }
    public DateTimeOffset? ConnectedAt { get; set; }
    public DateTimeOffset? LastRefreshAt { get; set; }
    /// <summary>SHA-256 of the configured refresh token already used, so a rotated stored token wins over it.</summary>
    public string? ConfigTokenHash { get; set; }
    /// <summary>Set when polling stopped for a human: invalid_grant, or a block at the edge.</summary>
    public DateTimeOffset? HaltedAt { get; set; }
    public string? HaltReason { get; set; }
}

/// <summary>Where one search's unfinished poll stands, so a restart or a page cap loses nothing.</summary>
public sealed class FeedCursor
{
    public required string SearchKey { get; set; }
    /// <summary>The `after` of the next page still to read, or null when the last poll finished.</summary>
    public string? PendingAfter { get; set; }
    /// <summary>When the unfinished poll began: postings fetched before it are the ones it stops at.</summary>
    public DateTimeOffset? PendingSince { get; set; }
    public DateTimeOffset? LastCompletedAt { get; set; }
}

/// <summary>One poll's figures.</summary>
public sealed class PollRun
{
    public long Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public string Mode { get; set; } = "";
    public string Trigger { get; set; } = "";
    public int Requests { get; set; }
    public int New { get; set; }
    public int Updated { get; set; }
    public int Skipped { get; set; }
    public int Errors { get; set; }
    public long DurationMs { get; set; }
    public string? Error { get; set; }
}

internal sealed class MarketplaceConnectionConfiguration : IEntityTypeConfiguration<MarketplaceConnection>
{
    public void Configure(EntityTypeBuilder<MarketplaceConnection> b)
    {
        b.ToTable("MarketplaceConnections");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Origin).HasMaxLength(20);
        b.Property(c => c.ConnectedBy).HasMaxLength(256);
        b.Property(c => c.ConfigTokenHash).HasMaxLength(64);
        b.Property(c => c.HaltReason).HasMaxLength(1000);
    }
}

internal sealed class FeedCursorConfiguration : IEntityTypeConfiguration<FeedCursor>
{
    public void Configure(EntityTypeBuilder<FeedCursor> b)
    {
        b.ToTable("FeedCursors");
        b.HasKey(c => c.SearchKey);
        b.Property(c => c.SearchKey).HasMaxLength(200);
        b.Property(c => c.PendingAfter).HasMaxLength(500);
    }
}

internal sealed class PollRunConfiguration : IEntityTypeConfiguration<PollRun>
{
    public void Configure(EntityTypeBuilder<PollRun> b)
    {
        b.ToTable("PollRuns");
        b.Property(r => r.Mode).HasMaxLength(10);
        b.Property(r => r.Trigger).HasMaxLength(20);
        b.Property(r => r.Error).HasMaxLength(1000);
        b.HasIndex(r => r.StartedAt);
    }
}
