using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// Writes the outbox rows for a new match into the caller's DbContext, so they commit in the
/// same SaveChanges (one transaction) as the match itself. One row per (match, target): the
/// in-app queue, each Slack channel, each e-mail address. Two lanes routing the same posting
/// to the same target get two rows; the dispatcher sends them as one message naming both lanes.
/// </summary>
public sealed class AlertPlanner(AppDbContext db, TimeProvider clock, IOptions<RoutingOptions> options)
    : INewMatchPlanner
{
    public const string InAppTarget = "queue";

    private ILookup<string, AlertRoute>? _routes;

    public async Task PrepareAsync(CancellationToken ct)
    {
        var routes = await db.AlertRoutes.AsNoTracking().Where(r => r.Enabled).ToListAsync(ct);
        _routes = routes.ToLookup(r => r.LaneId, StringComparer.Ordinal);
    }

    public void Plan(Match match, Posting posting)
    {
        var now = clock.GetUtcNow();
        Add(match, posting, AlertChannel.InApp, InAppTarget, null, false, now, AlertStatus.Delivered, now);
        if (_routes is null || now - posting.PublishedAt > options.Value.MaxAlertAge)
        {
            return;
        }
        foreach (var route in _routes[match.LaneId])
        {
            var due = DeliverySchedule.DueAt(route, now);
            var status =
                route.PausedAt is not null ? AlertStatus.Paused
                : due > now ? AlertStatus.Held
                : AlertStatus.Pending;
            foreach (var (channel, target) in Targets(route))
            {
                Add(match, posting, channel, target, route.Id, route.Mode != RouteMode.Immediate, due, status, null);
            }
        }
    }

    public static IEnumerable<(AlertChannel Channel, string Target)> Targets(AlertRoute route) =>
        route.Kind switch
        {
            RouteKind.Slack when route.SlackTarget is not null => [(AlertChannel.Slack, route.SlackTarget)],
            RouteKind.Telegram when route.SlackTarget is not null => [(AlertChannel.Telegram, route.SlackTarget)],
            RouteKind.Discord when route.SlackTarget is not null => [(AlertChannel.Discord, route.SlackTarget)],
            RouteKind.Teams when route.SlackTarget is not null => [(AlertChannel.Teams, route.SlackTarget)],
            RouteKind.Email => EmailAddresses(route.EmailTo).Select(a => (AlertChannel.Email, "mailto:" + a)),
            _ => [],
        };

    public static IReadOnlyList<string> EmailAddresses(string? list) =>
        (list ?? "")
            .Split([',', ';', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => a.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private void Add(
        Match match,
        Posting posting,
        AlertChannel channel,
        string target,
        long? routeId,
        bool digest,
        DateTimeOffset due,
        AlertStatus status,
        DateTimeOffset? deliveredAt
    )
    {
        // Two routes of one lane may name the same target: the unique key keeps one row.
        if (db.Alerts.Local.Any(a => ReferenceEquals(a.Match, match) && a.Channel == channel && a.Target == target))
        {
            return;
        }
        db.Alerts.Add(
            new Alert
            {
                Match = match,
                Channel = channel,
                Target = target,
                RouteId = routeId,
                IsDigest = digest,
                Status = status,
                CreatedAt = clock.GetUtcNow(),
                DueAt = due,
                DeliveredAt = deliveredAt,
                PublishedAt = posting.PublishedAt,
                FetchedAt = posting.FetchedAt,
                MatchedAt = match.MatchedAt,
            }
        );
    }
}
