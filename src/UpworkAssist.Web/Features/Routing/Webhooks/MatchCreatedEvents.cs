using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Routing.Webhooks;

/// <summary>`match.created` v1: which lane matched which job and why; no marketplace text.</summary>
public sealed record MatchCreatedData(
    string JobId,
    string LaneId,
    string LaneName,
    IReadOnlyList<string> Keywords,
    DateTimeOffset PublishedAt,
    DateTimeOffset MatchedAt
);

/// <summary>
/// Raises `match.created` from the matcher's own transaction (Lanes' planner hook), like the alert
/// outbox: the event exists exactly when the match does. The match has no id before the save, so
/// the event names it by job and lane, which are unique together.
/// </summary>
public sealed class MatchCreatedEvents(AppDbContext db, WebhookEvents events) : INewMatchPlanner
{
    private Dictionary<string, string> _laneNames = [];

    public async Task PrepareAsync(CancellationToken ct)
    {
        await events.PrepareAsync(ct);
        _laneNames = await db
            .Lanes.AsNoTracking()
            .ToDictionaryAsync(l => l.Id, l => l.Name, StringComparer.Ordinal, ct);
    }

    public void Plan(Match match, Posting posting) =>
        events.Raise(
            new TeamEvent(
                WebhookEventTypes.MatchCreated,
                new MatchCreatedData(
                    match.PostingId,
                    match.LaneId,
                    _laneNames.GetValueOrDefault(match.LaneId, match.LaneId),
                    match.MatchedKeywords,
                    posting.PublishedAt,
                    match.MatchedAt
                ),
                Links(posting.Id, posting.Url)
            )
        );

    public static Dictionary<string, string> Links(string jobId, string? upworkUrl)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app"] = $"/Queue/Job/{Uri.EscapeDataString(jobId)}",
        };
        if (upworkUrl is not null)
            links["job"] = upworkUrl;
        return links;
    }
}
