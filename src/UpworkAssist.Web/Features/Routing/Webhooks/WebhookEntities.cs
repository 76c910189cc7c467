using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpworkAssist.Web.Features.Routing.Webhooks;

/// <summary>An Admin's signed outgoing webhook: where team events are posted, and which ones.</summary>
public sealed class WebhookEndpoint
{
    public long Id { get; set; }
    public required string Url { get; set; }

    /// <summary>Subscribed event types, comma-separated (see <see cref="WebhookEventTypes"/>).</summary>
    public required string Events { get; set; }

    /// <summary>The signing secret, encrypted with Data Protection; shown once when the endpoint is made.</summary>
    public required string SecretProtected { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Why the endpoint was turned off by delivery (24 h of failures); null when an Admin turned it off.
    /// </summary>
    public string? DisabledReason { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> EventList => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One event for one endpoint: the outbox row and the delivery log's line.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public long EndpointId { get; set; }

    /// <summary>
    /// The event's id, the same for every endpoint and every attempt: receivers use it to drop repeats.
    /// </summary>
    public required string EventId { get; set; }
    public required string EventType { get; set; }

    /// <summary>The exact JSON body that is signed and posted.</summary>
    public required string Payload { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the next attempt is due; retries back off from here.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? ResponseCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Start of the 24-hour retry window; a redelivery starts a new one.</summary>
    public DateTimeOffset RetryFrom { get; set; }
    public WebhookEndpoint? Endpoint { get; set; }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.Property(e => e.Url).HasMaxLength(2000);
        b.Property(e => e.Events).HasMaxLength(500);
        b.Property(e => e.SecretProtected).HasMaxLength(2000);
        b.Property(e => e.DisabledReason).HasMaxLength(500);
        b.Ignore(e => e.EventList);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.Property(d => d.EventId).HasMaxLength(40);
        b.Property(d => d.EventType).HasMaxLength(40);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(d => d.LastError).HasMaxLength(500);
        b.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasOne(d => d.Endpoint).WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_WebhookDelivery_Attempts", "\"Attempts\" >= 0"));
    }
}
