using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Queue;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Home;

/// <summary>
/// What needs a Lead: new matches per lane since their last visit (the lane with the best-scoring
/// new job first), jobs about to lose their content with no decision, drafts waiting for a lead,
/// snoozes waking today, paused routes and the feed's health.
/// </summary>
public sealed class LeadHome(
    AppDbContext db,
    IOptionsMonitor<UpworkOptions> upwork,
    MarketplaceTokens tokens,
    UserTime time,
    TimeProvider clock
)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<HomeSection> BuildAsync(DateTimeOffset since, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var items = new List<HomeItem>();
        items.AddRange(await NewMatchesAsync(since, ct));

        var cutoff = now - upwork.CurrentValue.ContentRetention + QueueFilter.ExpiringWithin;
        var expiring = await db
            .Matches.Where(m =>
                m.Status == MatchStatus.New
                && m.Posting!.ContentPurgedAt == null
                && m.Posting.ActedOnAt == null
                && m.Posting.FetchedAt <= cutoff
            )
            .CountAsync(ct);
        items.Add(
            new HomeItem("expiring", "Jobs expiring within 3 hours with no decision", "/Queue?expiring=true")
            {
                Value = N(expiring),
                Attention = expiring > 0,
                Detail =
                    "The marketplace's content is kept 24 hours; act on a job to keep its link and the team's records.",
            }
        );

        var awaiting = await db.Drafts.CountAsync(Drafts.IndexModel.AwaitsLeadApproval, ct);
        items.Add(
            new HomeItem("awaiting-approval", "Drafts awaiting a lead's approval", "/Drafts?status=awaiting")
            {
                Value = N(awaiting),
                Attention = awaiting > 0,
            }
        );

        var endOfDay = EndOfReadersDay(now);
        var waking = await db.Matches.CountAsync(
            m => m.Status == MatchStatus.Snoozed && m.SnoozedUntil <= endOfDay,
            ct
        );
        items.Add(
            new HomeItem("snoozes-waking", "Snoozes waking today", "/Queue?status=Snoozed") { Value = N(waking) }
        );

        var paused = await db
            .AlertRoutes.AsNoTracking()
            .Where(r => r.PausedAt != null)
            .Select(r => new
            {
                r.LaneId,
                Lane = r.Lane!.Name,
                r.PausedReason,
            })
            .ToListAsync(ct);
        foreach (var lane in paused.GroupBy(p => (p.LaneId, p.Lane)))
        {
            items.Add(
                new HomeItem(
                    "route-paused",
                    $"Routes paused in {lane.Key.Lane}",
                    "/Routing/Routes?lane=" + Uri.EscapeDataString(lane.Key.LaneId)
                )
                {
                    Value = N(lane.Count()),
                    Attention = true,
                    Detail = lane.First().PausedReason,
                }
            );
        }
        if (paused.Count == 0)
            items.Add(new HomeItem("route-paused", "Routes paused", "/Lanes") { Value = "0" });

        items.Add(await FeedHealthAsync(now, ct));
        return new HomeSection(Roles.Lead, "Triage", items);
    }

    private async Task<IEnumerable<HomeItem>> NewMatchesAsync(DateTimeOffset since, CancellationToken ct)
    {
        var fresh = db.Matches.AsNoTracking().Where(m => m.Status == MatchStatus.New && m.MatchedAt > since);
        var lanes = await fresh
            .GroupBy(m => new { m.LaneId, m.Lane!.Name })
            .Select(g => new
            {
                g.Key.LaneId,
                g.Key.Name,
                Count = g.Count(),
                Best = g.Max(m => m.Score),
            })
            .ToListAsync(ct);
        if (lanes.Count == 0)
        {
            return [new HomeItem("new-matches", "New matches since your last visit", "/Queue") { Value = "0" }];
        }
        var items = new List<HomeItem>();
        foreach (var lane in lanes.OrderByDescending(l => l.Best).ThenBy(l => l.Name, StringComparer.Ordinal))
        {
            var best = await fresh
                .Where(m => m.LaneId == lane.LaneId)
                .OrderByDescending(m => m.Score)
                .ThenByDescending(m => m.Id)
                .Select(m => m.Posting!.Title)
                .FirstAsync(ct);
            items.Add(
                new HomeItem(
                    "new-matches",
                    $"New in {lane.Name} since your last visit",
                    "/Queue?lane=" + Uri.EscapeDataString(lane.LaneId)
                )
                {
                    Value = N(lane.Count),
                    Attention = true,
                    Detail = $"Best by score: {best}",
                }
            );
        }
        return items;
    }

    private async Task<HomeItem> FeedHealthAsync(DateTimeOffset now, CancellationToken ct)
    {
        var last = await db.Set<PollRun>().AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var openGaps = await db.FeedGaps.CountAsync(g => g.ClosedAt == null, ct);
        var parts = new List<string>
        {
            last is null
                ? "no poll yet"
                : $"last poll {time.Text(last.FinishedAt)}" + (last.Error is null ? "" : " (failed)"),
        };
        parts.Add(openGaps == 1 ? "1 open gap" : $"{N(openGaps)} open gaps");
        int? daysLeft = null;
        if (upwork.CurrentValue.EffectiveMode == FeedMode.Demo)
        {
            parts.Add("demo feed, no token");
        }
        else
        {
            var connection = await tokens.StatusAsync(ct);
            daysLeft = connection.DaysLeftWhenAgeing(now);
            parts.Add(
                !connection.Connected ? "not connected"
                : daysLeft is { } d ? $"token: about {N(d)} days left"
                : "token: refreshed"
            );
        }
        var stale =
            last is null || now - last.FinishedAt > 3 * upwork.CurrentValue.PollInterval + TimeSpan.FromMinutes(5);
        return new HomeItem("feed-health", "Feed health", "/Feed/Status")
        {
            Value = stale || last?.Error is not null || openGaps > 0 || daysLeft is not null ? "check" : "ok",
            Attention = last?.Error is not null || openGaps > 0 || daysLeft is not null,
            Detail = string.Join(" · ", parts),
        };
    }

    private DateTimeOffset EndOfReadersDay(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, time.Zone);
        var midnight = new DateTimeOffset(local.Date.AddDays(1), local.Offset);
        return midnight.ToUniversalTime();
    }

    private static string N(int n) => n.ToString(Inv);
}
