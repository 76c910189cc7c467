using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;

namespace UpworkAssist.Web.Features.Routing.Webhooks;

/// <summary>
/// Tells the Admins that delivery turned an endpoint off. Declared here and implemented by Compliance
/// (which owns the Admins' notification routes), because Compliance already depends on Routing.
/// </summary>
public interface IWebhookNotices
{
    Task EndpointDisabledAsync(WebhookEndpoint endpoint, string reason, CancellationToken ct);
}

/// <summary>
/// Sends the webhook outbox with the alert outbox's guarantees: a row is claimed with a conditional
/// UPDATE and a lease, so two dispatchers never post it twice and a crash loses nothing; a crash after
/// the post and before the record repeats it once, with the same event id for the receiver to drop.
/// Failures back off exponentially for <see cref="WebhookOptions.RetryFor"/>, then the endpoint is
/// turned off and the Admins told.
/// </summary>
public sealed class WebhookDispatcher(
    AppDbContext db,
    WebhookClient client,
    RouteSecrets secrets,
    AuditLog audit,
    IEnumerable<IWebhookNotices> notices,
    TimeProvider clock,
    IOptions<RoutingOptions> routing,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger
)
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var leaseCutoff = now - routing.Value.ClaimLease;
        var due = await Due(now, leaseCutoff)
            .OrderBy(d => d.NextAttemptAt)
            .ThenBy(d => d.Id)
            .Take(routing.Value.BatchSize)
            .Select(d => d.Id)
            .ToListAsync(ct);
        var delivered = 0;
        foreach (var id in due)
        {
            if (
                await Due(now, leaseCutoff)
                    .Where(d => d.Id == id)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(d => d.ClaimedAt, now).SetProperty(d => d.Attempts, d => d.Attempts + 1),
                        ct
                    ) != 1
            )
            {
                continue; // another dispatcher won it
            }
            delivered += await DeliverAsync(id, ct) ? 1 : 0;
            db.ChangeTracker.Clear();
        }
        return delivered;
    }

    private IQueryable<WebhookDelivery> Due(DateTimeOffset now, DateTimeOffset leaseCutoff) =>
        db.WebhookDeliveries.Where(d =>
            d.Status == WebhookDeliveryStatus.Pending
            && d.NextAttemptAt <= now
            && d.Endpoint!.Enabled
            && (d.ClaimedAt == null || d.ClaimedAt < leaseCutoff)
        );

    private async Task<bool> DeliverAsync(long id, CancellationToken ct)
    {
        var delivery = await db.WebhookDeliveries.Include(d => d.Endpoint).SingleAsync(d => d.Id == id, ct);
        var endpoint = delivery.Endpoint!;
        var secret = secrets.Unprotect(endpoint.SecretProtected);
        // Cancellation during the post is a crash between send and record: nothing below runs.
        var attempt = secret is null
            ? new WebhookAttempt(false, null, "The endpoint's signing secret cannot be read; make a new endpoint.")
            : await client.PostAsync(endpoint.Url, secret, delivery.EventId, delivery.EventType, delivery.Payload, ct);
        var now = clock.GetUtcNow();
        delivery.ClaimedAt = null;
        delivery.LastAttemptAt = now;
        delivery.ResponseCode = attempt.ResponseCode;
        delivery.LastError = attempt.Error is { Length: > 500 } e ? e[..500] : attempt.Error;
        string? disabled = null;
        if (attempt.Delivered)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
        }
        else if (secret is null || now - delivery.RetryFrom >= options.Value.RetryFor)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            disabled = secret is null
                ? delivery.LastError!
                : $"Deliveries failed for {Hours(options.Value.RetryFor)} (last: {delivery.LastError}); turned off.";
            endpoint.Enabled = false;
            endpoint.DisabledAt = now;
            endpoint.DisabledReason = disabled;
            audit.Add(
                "webhook.disabled",
                "webhook",
                endpoint.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                disabled
            );
        }
        else
        {
            delivery.NextAttemptAt = now + Backoff(delivery.Attempts);
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation(
            "Webhook {EventType} {EventId} to endpoint {Endpoint}, attempt {Attempt}: {Status} {Code} {Error}",
            delivery.EventType,
            delivery.EventId,
            endpoint.Id,
            delivery.Attempts,
            delivery.Status,
            attempt.ResponseCode,
            delivery.LastError
        );
        if (disabled is not null)
        {
            foreach (var notice in notices)
            {
                await notice.EndpointDisabledAsync(endpoint, disabled, ct);
            }
        }
        return attempt.Delivered;
    }

    /// <summary>10 s, 20 s, 40 s … doubling per attempt, capped (an hour by default): about 30 tries in 24 h.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var wait = options.Value.BackoffBase * Math.Pow(2, Math.Min(Math.Max(attempts - 1, 0), 20));
        return wait < options.Value.BackoffMax ? wait : options.Value.BackoffMax;
    }

    private static string Hours(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{t.TotalHours:0.#} h" : $"{t.TotalMinutes:0.#} min";
}
