using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Routing.Webhooks;

/// <summary>The six events an endpoint may subscribe to, each with its schema version (docs/routing.md).</summary>
public static class WebhookEventTypes
{
    public const string MatchCreated = "match.created";
    public const string MatchTriaged = "match.triaged";
    public const string DraftApproved = "draft.approved";
    public const string ProposalRecorded = "proposal.recorded";
    public const string ProposalStageChanged = "proposal.stage_changed";
    public const string ComplianceSignalChanged = "compliance.signal_changed";

    public static readonly IReadOnlyDictionary<string, int> Versions = new Dictionary<string, int>(
        StringComparer.Ordinal
    )
    {
        [MatchCreated] = 1,
        [MatchTriaged] = 1,
        [DraftApproved] = 1,
        [ProposalRecorded] = 1,
        [ProposalStageChanged] = 1,
        [ComplianceSignalChanged] = 1,
    };

    public static IReadOnlyList<string> All => [.. Versions.Keys];
}

/// <summary>What every webhook body is: the event's id, type, schema version and time around its data.</summary>
public sealed record WebhookEnvelope(
    string Id,
    string Type,
    int Version,
    DateTimeOffset CreatedAt,
    object Data,
    IReadOnlyDictionary<string, string> Links
);

/// <summary>
/// Routing's side of <see cref="ITeamEvents"/>: one outbox row per subscribed, enabled endpoint, added to
/// the caller's DbContext so the event commits with the change that caused it, or not at all.
/// </summary>
public sealed class WebhookEvents(AppDbContext db, TimeProvider clock, IOptions<RoutingOptions> options) : ITeamEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private List<WebhookEndpoint>? _endpoints;

    /// <summary>
    /// Reads the enabled endpoints once per unit of work, so <see cref="Raise"/> can run inside a sync step.
    /// </summary>
    public async Task PrepareAsync(CancellationToken ct) =>
        _endpoints ??= await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(ct);

    public async Task RaiseAsync(TeamEvent teamEvent, CancellationToken ct)
    {
        await PrepareAsync(ct);
        Raise(teamEvent);
    }

    public void Raise(TeamEvent teamEvent)
    {
        var subscribed = (_endpoints ?? [])
            .Where(e => e.EventList.Contains(teamEvent.Type, StringComparer.Ordinal))
            .ToList();
        if (subscribed.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var id = "evt_" + Guid.NewGuid().ToString("N");
        var payload = Serialize(teamEvent, id, now, options.Value.PublicUrl);
        foreach (var endpoint in subscribed)
        {
            db.WebhookDeliveries.Add(
                new WebhookDelivery
                {
                    EndpointId = endpoint.Id,
                    EventId = id,
                    EventType = teamEvent.Type,
                    Payload = payload,
                    Status = WebhookDeliveryStatus.Pending,
                    CreatedAt = now,
                    NextAttemptAt = now,
                    RetryFrom = now,
                }
            );
        }
    }

    public static string Serialize(TeamEvent e, string id, DateTimeOffset at, string publicUrl)
    {
        var links = e.Links.ToDictionary(l => l.Key, l => Absolute(l.Value, publicUrl), StringComparer.Ordinal);
        var version = WebhookEventTypes.Versions.GetValueOrDefault(e.Type, 1);
        return JsonSerializer.Serialize(new WebhookEnvelope(id, e.Type, version, at, e.Data, links), Json);
    }

    private static string Absolute(string link, string publicUrl) =>
        link.StartsWith('/') ? publicUrl.TrimEnd('/') + link : link;
}
