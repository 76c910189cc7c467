using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// Records where the feed may be incomplete, one row per outage or cap: a failing poll extends the
/// search's open gap rather than adding one per poll, so the Admins are told once per gap.
/// </summary>
public sealed class FeedGaps(AppDbContext db, TimeProvider clock, ILogger<FeedGaps> logger)
{
    public async Task RecordAsync(
        string searchKey,
        DateTimeOffset from,
        DateTimeOffset to,
        FeedGapReason reason,
        string detail,
        CancellationToken ct
    )
    {
        if (to <= from)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var open = await db.FeedGaps.FirstOrDefaultAsync(
            g => g.SearchKey == searchKey && g.Reason == reason && g.ClosedAt == null && g.To >= from && g.From <= to,
            ct
        );
        if (open is null)
        {
            db.FeedGaps.Add(
                new FeedGap
                {
                    SearchKey = searchKey,
                    From = from,
                    To = to,
                    Reason = reason,
                    Detail = Clip(detail),
                    RecordedAt = now,
                }
            );
        }
        else
        {
            open.From = open.From < from ? open.From : from;
            open.To = open.To > to ? open.To : to;
            open.Detail = Clip(detail);
        }
        await db.SaveChangesAsync(ct);
        logger.LogWarning(
            "Feed gap ({Reason}) for {Search}: from {From:u} to {To:u} the feed may be incomplete",
            reason,
            searchKey,
            from,
            to
        );
    }

    /// <summary>
    /// A failed poll: from the newest posting the search holds to now, the feed may be incomplete until a poll reads it
    /// again.
    /// </summary>
    public async Task PollFailedAsync(IEnumerable<FeedSearch> searches, string error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var search in searches)
        {
            var cursor = await db.FeedCursors.AsNoTracking().SingleOrDefaultAsync(c => c.SearchKey == search.Key, ct);
            var open = await db.FeedGaps.FirstOrDefaultAsync(
                g => g.SearchKey == search.Key && g.Reason == FeedGapReason.PollFailed && g.ClosedAt == null,
                ct
            );
            if (open is not null)
            {
                open.To = now;
                open.Detail = Clip(error);
            }
            else
            {
                db.FeedGaps.Add(
                    new FeedGap
                    {
                        SearchKey = search.Key,
                        From = cursor?.HighWater ?? cursor?.LastCompletedAt ?? now,
                        To = now,
                        Reason = FeedGapReason.PollFailed,
                        Detail = Clip(error),
                        RecordedAt = now,
                    }
                );
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A read that reached its stop line covered everything published before it began: failed-poll gaps up to then are
    /// closed.
    /// </summary>
    public async Task CloseCoveredAsync(string searchKey, DateTimeOffset began, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db
            .FeedGaps.Where(g =>
                g.SearchKey == searchKey && g.Reason == FeedGapReason.PollFailed && g.ClosedAt == null && g.To <= began
            )
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.ClosedAt, now), ct);
    }

    /// <summary>Gaps still open, and those of the last <paramref name="days"/> days, newest first.</summary>
    public Task<List<FeedGap>> RecentAsync(int days, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - TimeSpan.FromDays(days);
        return db
            .FeedGaps.AsNoTracking()
            .Where(g => (g.ClosedAt == null && g.Reason == FeedGapReason.PollFailed) || g.RecordedAt >= since)
            .OrderByDescending(g => g.To)
            .Take(50)
            .ToListAsync(ct);
    }

    public static string Describe(FeedGap g) =>
        g.Reason switch
        {
            FeedGapReason.PollFailed when g.ClosedAt is not null => "polls failed; a later poll read this window again",
            FeedGapReason.PollFailed => "polls are failing; the window is read again once a poll succeeds",
            FeedGapReason.ResultCap => "the search stopped at its result cap",
            _ => "the feed was behind by more than the retention window",
        };

    private static string Clip(string s) => s.Length > 1000 ? s[..1000] : s;
}
