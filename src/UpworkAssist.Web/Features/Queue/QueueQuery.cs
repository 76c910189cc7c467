using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>
/// One queue row: the match, the facts a lead decides on, and the other lanes that matched the same job.
/// </summary>
public sealed record QueueRow(
    long Id,
    string PostingId,
    string Title,
    string? Url,
    PostingType Type,
    decimal? FixedBudget,
    decimal? HourlyMin,
    decimal? HourlyMax,
    ClientFacts Client,
    int? Applicants,
    DateTimeOffset PublishedAt,
    DateTimeOffset MatchedAt,
    string LaneId,
    string LaneName,
    MatchStatus Status,
    string? AssigneeId,
    DateTimeOffset? SnoozedUntil,
    string? DismissReason,
    int Version,
    bool Expired,
    IReadOnlyList<string> Keywords,
    double Score,
    string? AssigneeName
)
{
    public IReadOnlyList<(string Id, string Name)> OtherLanes { get; init; } = [];
    public PostingFacts Facts { get; init; } = new(null, null, null, null, null, null);
}

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, string? Next);

public sealed record QueueCount(string LaneId, MatchStatus Status, int Count);

/// <summary>A person a job can be assigned to.</summary>
public sealed record Assignee(string Id, string DisplayName);

/// <summary>Who is looking: a freelancer's queue is what is assigned to them.</summary>
public sealed record QueueScope(string UserId, bool AssignedOnly);

/// <summary>
/// The queue's reads. Paging is keyset on (MatchedAt, Id) newest first, never OFFSET, so page
/// 500 costs what page 1 costs; the indexes in MatchConfiguration serve each filter. The small
/// lists every view repeats (team counts, lanes) are kept in the <see cref="StoreCache"/>.
/// </summary>
/// <remarks>
/// The rows are read with one hand-written SQL statement (<see cref="QueueSql"/>), not LINQ: the
/// queue is the page a lead reloads all day, and building, caching and materialising the LINQ
/// query plus a second query for the other lanes cost more than SQLite's work (docs/performance.md).
/// </remarks>
public sealed class QueueQuery(
    AppDbContext db,
    TimeProvider clock,
    StoreCache cache,
    IOptionsMonitor<UpworkOptions> upwork
)
{
    public const int PageSize = 50;

    public async Task<QueuePage> PageAsync(QueueFilter filter, QueueScope scope, CancellationToken ct)
    {
        var sql = new QueueSql();
        sql.Filter(filter, scope, clock.GetUtcNow(), upwork.CurrentValue.ContentRetention);
        if (QueueCursor.TryParse(filter.After, out var after))
            sql.After(after);
        var rows = await sql.ReadAsync(db, PageSize + 1, ct);
        string? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            next = new QueueCursor(rows[^1].MatchedAt.UtcTicks, rows[^1].Id).ToString();
        }
        return new QueuePage(rows, next);
    }

    /// <summary>One match as a row, after an action changed it.</summary>
    public async Task<QueueRow?> RowAsync(long id, CancellationToken ct) =>
        (await new QueueSql().Where("m.\"Id\" = @id", ("@id", id)).ReadAsync(db, 1, ct)).SingleOrDefault();

    /// <summary>Every lane's match of one posting, for the job page.</summary>
    public async Task<IReadOnlyList<QueueRow>> RowsForPostingAsync(string postingId, CancellationToken ct) =>
        [
            .. (
                await new QueueSql()
                    .Where("m.\"PostingId\" = @posting", ("@posting", postingId))
                    .ReadAsync(db, 1000, ct)
            ).OrderBy(r => r.LaneId, StringComparer.Ordinal),
        ];

    /// <summary>Matches per lane and status, within what the person may see.</summary>
    public async Task<IReadOnlyList<QueueCount>> CountsAsync(QueueScope scope, CancellationToken ct)
    {
        var q = db.Matches.AsNoTracking();
        if (scope.AssignedOnly)
            q = q.Where(m => m.AssigneeId == scope.UserId);
        // The team-wide counts read every match (an index scan of 200,000 entries costs ~20 ms),
        // so they are kept until the next write; a freelancer's own counts are an index range.
        return scope.AssignedOnly
            ? await CountAsync(q, ct)
            : await cache.GetAsync("queue:counts", () => CountAsync(q, ct));
    }

    private static async Task<IReadOnlyList<QueueCount>> CountAsync(IQueryable<Match> q, CancellationToken ct) =>
        await q.GroupBy(m => new { m.LaneId, m.Status })
            .Select(g => new QueueCount(g.Key.LaneId, g.Key.Status, g.Count()))
            .ToListAsync(ct);

    /// <summary>
    /// The newest match id, the line the live bar counts new matches from. Kept like the counts:
    /// any write (a new match above all) makes the next view read it again.
    /// </summary>
    public async Task<long> NewestMatchIdAsync(CancellationToken ct) =>
        (
            await cache.GetAsync(
                "queue:newest",
                async () => new NewestMatch(await db.Matches.MaxAsync(m => (long?)m.Id, ct) ?? 0)
            )
        ).Id;

    private sealed record NewestMatch(long Id);

    /// <summary>Every lane by name, for the filter.</summary>
    public Task<IReadOnlyList<(string Id, string Name)>> LanesAsync(CancellationToken ct) =>
        cache.GetAsync<IReadOnlyList<(string Id, string Name)>>(
            "queue:lanes",
            async () =>
                (await db.Lanes.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Id, l.Name }).ToListAsync(ct))
                    .Select(l => (l.Id, l.Name))
                    .ToList()
        );
}
