using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Compliance;

// The signals about the feed's own integrity (issue 15): gaps, the refresh token's age, its scopes, bad nodes.
public sealed partial class ComplianceSignals
{
    /// <summary>
    /// How far back a gap that may be incomplete keeps the signal red (and is still worth telling the Admins of).
    /// </summary>
    public static readonly TimeSpan FeedGapWindow = TimeSpan.FromDays(14);
    private const int GapsListed = 3;

    private async Task<Signal> FeedCompletenessAsync(CancellationToken ct)
    {
        var recent = await gaps.RecentAsync((int)FeedGapWindow.TotalDays, ct);
        var open = recent.Where(g => g.ClosedAt is null).OrderBy(g => g.From).ToList();
        const string name = "Feed completeness";
        const string thresholds =
            "green: no window in the last 14 days may be incomplete; red: any may be (a failing poll, the result "
            + "cap, or downtime longer than the retention window)";
        if (open.Count == 0)
        {
            var readAgain = recent.Count(g => g.ClosedAt is not null);
            return new Signal(
                "feed-gaps",
                name,
                readAgain == 0
                    ? "no gaps in the last 14 days"
                    : $"no open gaps; {readAgain} read again by a later poll",
                thresholds,
                Verdict.Green,
                "Every poll read down to the postings the previous one had: nothing published in the last 14 days "
                    + "was missed."
            );
        }
        var listed = open.Take(GapsListed)
            .Select(g => $"from {At(g.From)} to {At(g.To)} the feed may be incomplete ({FeedGaps.Describe(g)})");
        var more = open.Count > GapsListed ? $"; and {open.Count - GapsListed} more on Feed status" : "";
        return new Signal(
            "feed-gaps",
            name,
            string.Join("; ", listed) + more,
            thresholds,
            Verdict.Red,
            "Postings published in these windows may be missing from the queue and from alerts: check the "
                + "marketplace by hand for anything urgent, and see Feed status for the cause. The Admins are told "
                + "once per gap."
        );
    }

    private static Signal TokenAge(MarketplaceTokens.Status s, DateTimeOffset now, bool demo)
    {
        const string name = "Refresh-token age";
        var thresholds =
            $"green: refreshed within {Days(MarketplaceTokens.RefreshTokenWarnAfter)} days; amber: from day "
            + $"{Days(MarketplaceTokens.RefreshTokenWarnAfter)} without a successful refresh; "
            + $"red: {Days(MarketplaceTokens.RefreshTokenLifetime)} days or more (refresh tokens last "
            + $"{Days(MarketplaceTokens.RefreshTokenLifetime)} days)";
        if (demo || !s.Connected || s.RefreshTokenIssuedAt is not { } issued)
        {
            return new Signal(
                "token-age",
                name,
                demo ? "Demo feed: no token" : "no refresh token held",
                thresholds,
                Verdict.Green,
                demo
                    ? "The demo feed uses no marketplace account at all."
                    : "Nothing to expire; the Marketplace connection signal says whether an Admin must connect."
            );
        }
        var age = now - issued;
        var measured =
            $"issued {At(issued)} ({(int)age.TotalDays} days ago, "
            + $"{(s.LastRefreshAt is null ? "at connecting" : "at the last refresh")})";
        if (s.DaysLeftWhenAgeing(now) is not { } left)
        {
            return new Signal(
                "token-age",
                name,
                measured,
                thresholds,
                Verdict.Green,
                "Polls refresh the grant, so it never gets near its end."
            );
        }
        return age >= MarketplaceTokens.RefreshTokenLifetime
            ? new Signal(
                "token-age",
                name,
                measured + "; expired",
                thresholds,
                Verdict.Red,
                "The refresh token has most likely expired: an Admin must reconnect under Admin → Marketplace "
                    + "connection before the feed can read again."
            )
            : new Signal(
                "token-age",
                name,
                $"{measured}; about {left} day{(left == 1 ? "" : "s")} left",
                thresholds,
                Verdict.Amber,
                "No successful refresh for a while (is polling stopped, or failing?): fix the feed, or reconnect, "
                    + "before the token expires. The Admins are told once until the next refresh."
            );
    }

    private static Signal Scopes(MarketplaceTokens.Status s, bool demo)
    {
        const string name = "Token scopes";
        const string thresholds = "green: read scopes only, or none reported; red: any write scope";
        if (demo)
        {
            return new Signal(
                "scopes",
                name,
                "Demo feed: no token",
                thresholds,
                Verdict.Green,
                "The demo feed uses no marketplace account at all."
            );
        }
        if (s.Scopes.Count == 0)
        {
            return new Signal(
                "scopes",
                name,
                "no scope reported",
                thresholds,
                Verdict.Green,
                "The marketplace did not say which scopes the grant holds; the API key should allow only \"Read "
                    + "marketplace Job Postings\"."
            );
        }
        var write = s.WriteScopes;
        return write.Count > 0
            ? new Signal(
                "scopes",
                name,
                s.Scope!,
                thresholds,
                Verdict.Red,
                $"The grant can write to the marketplace ({string.Join(", ", write)}): UpworkAssist never needs "
                    + $"that. Ask for a read-only key and reconnect."
            )
            : new Signal(
                "scopes",
                name,
                s.Scope!,
                thresholds,
                Verdict.Green,
                "The grant can only read: UpworkAssist cannot act on the marketplace with it."
            );
    }

    private async Task<Signal> NodesAsync(DateTimeOffset now, CancellationToken ct)
    {
        var (skipped, repaired, _) = await PollFigures.SinceAsync(db, now.AddDays(-1), ct);
        var verdict = skipped > 0 ? Verdict.Amber : Verdict.Green;
        return new Signal(
            "nodes",
            "Postings skipped or repaired",
            $"{skipped} skipped, {repaired} repaired in the last 24 hours",
            "green: none skipped (repairs are fine); amber: any skipped",
            verdict,
            verdict == Verdict.Green
                ? repaired == 0
                    ? "Every posting the marketplace sent was stored as sent."
                    : "Some postings held invalid text and were stored with U+FFFD in its place."
                : "Some postings could not be read at all and were skipped (the rest of their pages were stored): "
                    + "the logs and Feed status name each one."
        );
    }

    /// <summary>An instant as the compliance page and the Admins' alerts write it.</summary>
    internal static string At(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Days(TimeSpan t) => t.TotalDays.ToString("0", CultureInfo.InvariantCulture);
}
