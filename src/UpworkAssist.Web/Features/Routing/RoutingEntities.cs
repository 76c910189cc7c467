using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Routing;

public enum AlertChannel
{
    InApp,
    Slack,
    Email,
    Telegram,
    Discord,
    Teams,
}

public enum AlertStatus
{
    Pending,
    Held,
    Delivered,
    Failed,
    Paused,
}

/// <summary>One delivery of a match to one route target: the outbox row.</summary>
public sealed class Alert
{
    public long Id { get; set; }
    public long MatchId { get; set; }
    public AlertChannel Channel { get; set; }
    public required string Target { get; set; }
    public AlertStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
    public Match? Match { get; set; }

    /// <summary>The route that planned it; null for the in-app queue or after the route was deleted.</summary>
    public long? RouteId { get; set; }

    /// <summary>Waits for the route's digest instead of going out alone.</summary>
    public bool IsDigest { get; set; }

    // Copied when planned so latency survives content retention and re-matching.
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset FetchedAt { get; set; }
    public DateTimeOffset MatchedAt { get; set; }
}

public enum RouteKind
{
    Slack,
    Email,
    Telegram,
    Discord,
    Teams,
}

public enum RouteMode
{
    Immediate,
    Hourly,
    Daily,
}

/// <summary>Where a lane's matches go besides the in-app queue: a Slack channel or e-mail addresses.</summary>
public sealed class AlertRoute
{
    public long Id { get; set; }
    public required string LaneId { get; set; }
    public RouteKind Kind { get; set; }

    /// <summary>Slack webhook URL or bot token, encrypted with Data Protection; never shown or logged.</summary>
    public string? SecretProtected { get; set; }

    /// <summary>Masked, human-readable form of the secret for pages (e.g. "hooks.slack.com/…/abcd").</summary>
    public string? SecretHint { get; set; }
    public string? SlackChannel { get; set; }

    /// <summary>E-mail addresses, comma-separated.</summary>
    public string? EmailTo { get; set; }

    /// <summary>
    /// The delivery key of a one-target route (Slack webhook hash or channel, Telegram chat, Discord or
    /// Teams webhook hash); routes with the same key share its throttle and pause together. E-mail
    /// targets are per address.
    /// </summary>
    public string? SlackTarget { get; set; }
    public RouteMode Mode { get; set; }
    public TimeOnly? DigestAt { get; set; }
    public TimeOnly? QuietFrom { get; set; }
    public TimeOnly? QuietTo { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public bool Enabled { get; set; } = true;
    public DateTimeOffset? PausedAt { get; set; }
    public string? PausedReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Lane? Lane { get; set; }
}

/// <summary>Per delivery target: when the next message may go (rate limit, Retry-After, backoff).</summary>
public sealed class ChannelThrottle
{
    public required string Target { get; set; }
    public DateTimeOffset NextAllowedAt { get; set; }
    public int Failures { get; set; }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.Property(a => a.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.Target).HasMaxLength(200);
        b.HasIndex(a => new
            {
                a.MatchId,
                a.Channel,
                a.Target,
            })
            .IsUnique();
        b.HasIndex(a => new { a.Status, a.DueAt });
        b.HasOne(a => a.Match).WithMany().HasForeignKey(a => a.MatchId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AlertRoute>().WithMany().HasForeignKey(a => a.RouteId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(a => new { a.Target, a.Status });
        b.ToTable(t => t.HasCheckConstraint("CK_Alert_Attempts", "\"Attempts\" >= 0"));
    }
}

internal sealed class AlertRouteConfiguration : IEntityTypeConfiguration<AlertRoute>
{
    public void Configure(EntityTypeBuilder<AlertRoute> b)
    {
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Mode).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.SecretProtected).HasMaxLength(2000);
        b.Property(r => r.SecretHint).HasMaxLength(100);
        b.Property(r => r.SlackChannel).HasMaxLength(100);
        b.Property(r => r.SlackTarget).HasMaxLength(200);
        b.Property(r => r.EmailTo).HasMaxLength(1000);
        b.Property(r => r.TimeZone).HasMaxLength(64);
        b.Property(r => r.PausedReason).HasMaxLength(500);
        b.HasIndex(r => r.LaneId);
        b.HasOne(r => r.Lane).WithMany().HasForeignKey(r => r.LaneId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChannelThrottleConfiguration : IEntityTypeConfiguration<ChannelThrottle>
{
    public void Configure(EntityTypeBuilder<ChannelThrottle> b)
    {
        b.HasKey(t => t.Target);
        b.Property(t => t.Target).HasMaxLength(200);
    }
}
