using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Routing.Slack;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// Runs every 5 minutes: tells the Admins, by the review's routes (<see cref="AdminNotifier"/>), once
/// per feed gap and once per ageing refresh token. A gap or token counts as told only when at least
/// one route delivered; otherwise the next run tries again.
/// </summary>
public sealed class FeedWatchJob(
    AppDbContext db,
    MarketplaceTokens tokens,
    AdminNotifier notifier,
    AuditLog audit,
    IOptionsMonitor<ComplianceOptions> options,
    IOptions<RoutingOptions> routing,
    TimeProvider clock,
    ILogger<FeedWatchJob> logger
)
{
    public const string Id = "compliance-feed-watch";
    public const string Schedule = "*/5 * * * *";
    private const int MaxGapsPerMessage = 20;

    public sealed record Result(int GapsAlerted, bool TokenAlerted, IReadOnlyList<string> Summaries);

    public async Task<Result> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var summaries = new List<string>();
        var gaps = await GapsAsync(now, summaries, ct);
        var token = await TokenAsync(now, summaries, ct);
        return new Result(gaps, token, summaries);
    }

    private async Task<int> GapsAsync(DateTimeOffset now, List<string> summaries, CancellationToken ct)
    {
        // A failed poll is often healed by the next one: its gap is news only once it stays open.
        var failedBefore = now - options.CurrentValue.FeedGapAlertDelay;
        var since = now - ComplianceSignals.FeedGapWindow;
        var gaps = await db
            .FeedGaps.Where(g =>
                g.AdminsAlertedAt == null
                && (
                    (g.Reason == FeedGapReason.PollFailed && g.ClosedAt == null && g.RecordedAt <= failedBefore)
                    || (g.Reason != FeedGapReason.PollFailed && g.RecordedAt >= since)
                )
            )
            .OrderBy(g => g.From)
            .Take(MaxGapsPerMessage)
            .ToListAsync(ct);
        if (gaps.Count == 0)
        {
            return 0;
        }
        var link = Link("/Feed/Status");
        var lines = gaps.Select(g =>
                $"From {At(g.From)} to {At(g.To)} the feed may be incomplete ({SearchName(g.SearchKey)}): "
                + $"{FeedGaps.Describe(g)}."
            )
            .ToList();
        var subject =
            gaps.Count == 1
                ? $"UpworkAssist: from {At(gaps[0].From)} to {At(gaps[0].To)} the feed may be incomplete"
                : $"UpworkAssist: the feed may be incomplete in {gaps.Count} windows";
        var text =
            string.Join("\n", lines)
            + "\n\nPostings published then may be missing from the queue and from alerts: check the marketplace by "
            + "hand "
            + "for anything urgent in these windows. Feed status shows each gap and the last error: "
            + link;
        var markdown =
            "*The feed may be incomplete.*\n"
            + string.Join("\n", lines.Select(l => "• " + SlackMessageBuilder.Escape(l)));
        var result = await notifier.SendAsync(
            new AdminMessage(subject, text, markdown, "Open Feed status", link, "open_feed_status"),
            ct
        );
        summaries.Add("gaps: " + result.Summary);
        if (result.Delivered == 0)
        {
            logger.LogWarning(
                "Feed gap alert reached no Admin ({Summary}); trying again at the next run",
                result.Summary
            );
            return 0;
        }
        foreach (var g in gaps)
        {
            g.AdminsAlertedAt = now;
            audit.Add(
                AuditActions.FeedGapAlerted,
                "feed-gap",
                g.Id.ToString(CultureInfo.InvariantCulture),
                Clip($"from {At(g.From)} to {At(g.To)} ({g.Reason}); {result.Summary}")
            );
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Told the Admins of {Count} feed gaps: {Summary}", gaps.Count, result.Summary);
        return gaps.Count;
    }

    private async Task<bool> TokenAsync(DateTimeOffset now, List<string> summaries, CancellationToken ct)
    {
        var status = await tokens.StatusAsync(ct);
        if (status.DaysLeftWhenAgeing(now) is not { } daysLeft || status.RefreshTokenIssuedAt is not { } issued)
        {
            return false;
        }
        var alerted = await db
            .MarketplaceConnections.AsNoTracking()
            .Select(c => c.TokenAgeAlertedAt)
            .SingleOrDefaultAsync(ct);
        if (alerted is not null)
        {
            return false;
        }
        var link = Link("/Admin/Feed/Connection");
        var left =
            daysLeft == 0
                ? "it has expired: an Admin must reconnect"
                : $"about {daysLeft} {(daysLeft == 1 ? "day is" : "days are")} left";
        var what =
            $"The marketplace refresh token was issued {At(issued)} and has not been refreshed since. Refresh "
            + $"tokens last "
            + $"{MarketplaceTokens.RefreshTokenLifetime.TotalDays:0} days, so {left}. A successful poll refreshes "
            + $"it; if polling is stopped, "
            + "reconnect under Admin → Marketplace connection.";
        var result = await notifier.SendAsync(
            new AdminMessage(
                daysLeft == 0
                    ? "UpworkAssist: the marketplace connection has expired"
                    : $"UpworkAssist: the marketplace connection expires in about {daysLeft} "
                        + $"day{(daysLeft == 1 ? "" : "s")}",
                what + " " + link,
                "*The marketplace connection needs a refresh.* " + SlackMessageBuilder.Escape(what),
                "Open Marketplace connection",
                link,
                "open_connection"
            ),
            ct
        );
        summaries.Add("token: " + result.Summary);
        if (result.Delivered == 0)
        {
            logger.LogWarning(
                "Token age alert reached no Admin ({Summary}); trying again at the next run",
                result.Summary
            );
            return false;
        }
        // Only the grant that was measured: a refresh meanwhile cleared the mark and starts a new count.
        var marked = await db
            .MarketplaceConnections.Where(c =>
                c.TokenAgeAlertedAt == null
                && c.LastRefreshAt == status.LastRefreshAt
                && c.ConnectedAt == status.ConnectedAt
            )
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TokenAgeAlertedAt, now), ct);
        audit.Add(
            AuditActions.TokenAgeAlerted,
            "marketplace-connection",
            MarketplaceConnection.SingletonId.ToString(CultureInfo.InvariantCulture),
            Clip($"issued {At(issued)}, {daysLeft} days left; {result.Summary}")
        );
        await db.SaveChangesAsync(ct);
        logger.LogInformation(
            "Told the Admins the refresh token is ageing ({DaysLeft} days left, marked {Marked}): {Summary}",
            daysLeft,
            marked,
            result.Summary
        );
        return true;
    }

    private string Link(string path) => routing.Value.PublicUrl.TrimEnd('/') + path;

    private static string SearchName(string key) =>
        key == FeedSearch.Broad.Key ? "the broad search" : $"the search \"{key}\"";

    private static string At(DateTimeOffset at) => ComplianceSignals.At(at);

    private static string Clip(string s) => s.Length > 1000 ? s[..1000] : s;
}
