using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The one marketplace connection (row 1): tokens protected with Data Protection, and why the feed is halted, if it is.
/// </summary>
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

    /// <summary>
    /// The `scope` of the last token reply, when the marketplace sent one (shown on the compliance page).
    /// </summary>
    public string? Scope { get; set; }

    /// <summary>
    /// When the Admins were told that the refresh token is ageing; cleared by the next successful refresh.
    /// </summary>
    public DateTimeOffset? TokenAgeAlertedAt { get; set; }
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

    /// <summary>
    /// The newest `publishedDateTime` (renewals ignored) the last complete poll saw: the next poll reads down to it,
    /// less the overlap.
    /// </summary>
    public DateTimeOffset? HighWater { get; set; }

    /// <summary>The unfinished poll's stop line, fixed when it began.</summary>
    public DateTimeOffset? PendingStopBelow { get; set; }

    /// <summary>
    /// The newest `publishedDateTime` the unfinished poll has seen: the high-water mark once it completes.
    /// </summary>
    public DateTimeOffset? PendingNewest { get; set; }
}

public enum FeedGapReason
{
    /// <summary>A poll failed; closed when a later poll reads down past the gap.</summary>
    PollFailed,

    /// <summary>The search stops at its result cap before reaching the previous poll's postings.</summary>
    ResultCap,

    /// <summary>
    /// The feed was behind by more than the retention window (down, or the request caps did not let it catch up).
    /// </summary>
    BehindRetention,
}

/// <summary>"From <see cref="From"/> to <see cref="To"/> the feed may be incomplete", and why.</summary>
public sealed class FeedGap
{
    public long Id { get; set; }
    public required string SearchKey { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public FeedGapReason Reason { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When a later poll proved the window complete after all; null while it may be incomplete.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? AdminsAlertedAt { get; set; }
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

    /// <summary>Nodes stored after a lossless-enough repair (invalid UTF-16 replaced with U+FFFD).</summary>
    public int Repaired { get; set; }
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
        b.Property(c => c.Scope).HasMaxLength(2000);
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

internal sealed class FeedGapConfiguration : IEntityTypeConfiguration<FeedGap>
{
    public void Configure(EntityTypeBuilder<FeedGap> b)
    {
        b.ToTable("FeedGaps");
        b.Property(g => g.SearchKey).HasMaxLength(200);
        b.Property(g => g.Reason).HasConversion<string>().HasMaxLength(20);
        b.Property(g => g.Detail).HasMaxLength(1000);
        b.HasIndex(g => g.RecordedAt);
    }
}
