using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>Loads what a message shows: each posting once, with every lane that matched it and why.</summary>
public sealed class DeliveryContent(AppDbContext db)
{
    public async Task<IReadOnlyList<DeliveryItem>> ItemsAsync(IReadOnlyList<Alert> alerts, CancellationToken ct)
    {
        var matchIds = alerts.Select(a => a.MatchId).ToList();
        var matches = await db.Matches.AsNoTracking().Include(m => m.Posting).Include(m => m.Lane)
            .Where(m => matchIds.Contains(m.Id)).ToListAsync(ct);
        return matches.GroupBy(m => m.PostingId, StringComparer.Ordinal)
            .Select(g => new DeliveryItem(g.First().Posting!, g.OrderBy(m => m.LaneId, StringComparer.Ordinal)
                .Select(m => new LaneHit(m.LaneId, m.Lane?.Name ?? m.LaneId, Keywords(m.EvidenceJson))).ToList()))
            .OrderBy(i => i.Posting.PublishedAt)
            .ToList();
    }

    private static IReadOnlyList<string> Keywords(string evidenceJson)
    {
        try
        {
            return JsonSerializer.Deserialize<LaneMatcher.MatchEvidence>(evidenceJson, JsonSerializerOptions.Web)?.MatchedKeywords ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
