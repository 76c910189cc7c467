using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>One queue row: the match, the facts a lead decides on, and the other lanes that matched the same job.</summary>
public sealed record QueueRow(
    long Id, string PostingId, string Title, string? Url, PostingType Type, decimal? FixedBudget, decimal? HourlyMin, decimal? HourlyMax,
    ClientFacts Client, int? Applicants, DateTimeOffset PublishedAt, DateTimeOffset MatchedAt, string LaneId, string LaneName,
    MatchStatus Status, string? AssigneeId, DateTimeOffset? SnoozedUntil, string? DismissReason, int Version, bool Expired,
    string EvidenceJson, double Score)
{
    public IReadOnlyList<string> Keywords =>
        JsonSerializer.Deserialize<LaneMatcher.MatchEvidence>(EvidenceJson, JsonSerializerOptions.Web)?.MatchedKeywords ?? [];

    public IReadOnlyList<(string Id, string Name)> OtherLanes { get; init; } = [];
    public string? AssigneeName { get; init; }
}

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, string? Next);

public sealed record QueueCount(string LaneId, MatchStatus Status, int Count);

/// <summary>Who is looking: a freelancer's queue is what is assigned to them.</summary>
public sealed record QueueScope(string UserId, bool AssignedOnly);

/// <summary>
/// The queue's reads. Paging is keyset on (MatchedAt, Id) newest first, never OFFSET, so page
/// 500 costs what page 1 costs; the indexes in MatchConfiguration serve each filter.
/// </summary>
public sealed class QueueQuery(AppDbContext db, TimeProvider clock, QueueCountsCache countsCache)
{
    public const int PageSize = 50;

    public async Task<QueuePage> PageAsync(QueueFilter filter, QueueScope scope, CancellationToken ct)
    {
        var q = Filtered(filter, scope);
        if (QueueCursor.TryParse(filter.After, out var after))
        {
            var at = new DateTimeOffset(after.MatchedAtTicks, TimeSpan.Zero);
            q = q.Where(m => m.MatchedAt < at || (m.MatchedAt == at && m.Id < after.Id));
        }
        var rows = await Project(q.OrderByDescending(m => m.MatchedAt).ThenByDescending(m => m.Id).Take(PageSize + 1)).ToListAsync(ct);
        string? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            next = new QueueCursor(rows[^1].MatchedAt.UtcTicks, rows[^1].Id).ToString();
        }
        return new QueuePage(await DecorateAsync(rows, ct), next);
    }

    /// <summary>One match as a row, after an action changed it.</summary>
    public async Task<QueueRow?> RowAsync(long id, CancellationToken ct) =>
        (await RowsAsync(db.Matches.AsNoTracking().Where(m => m.Id == id), ct)).SingleOrDefault();

    /// <summary>Every lane's match of one posting, for the job page.</summary>
    public Task<IReadOnlyList<QueueRow>> RowsForPostingAsync(string postingId, CancellationToken ct) =>
        RowsAsync(db.Matches.AsNoTracking().Where(m => m.PostingId == postingId).OrderBy(m => m.LaneId), ct);

    private async Task<IReadOnlyList<QueueRow>> RowsAsync(IQueryable<Match> matches, CancellationToken ct) =>
        await DecorateAsync(await Project(matches).ToListAsync(ct), ct);

    /// <summary>Matches per lane and status, within what the person may see.</summary>
    public async Task<List<QueueCount>> CountsAsync(QueueScope scope, CancellationToken ct)
    {
        var q = db.Matches.AsNoTracking();
        if (scope.AssignedOnly) q = q.Where(m => m.AssigneeId == scope.UserId);
        // The team-wide counts read every match (an index scan of 200,000 entries costs ~20 ms),
        // so they are kept until the next write; a freelancer's own counts are an index range.
        return scope.AssignedOnly ? await CountAsync(q, ct) : await countsCache.GetAsync(() => CountAsync(q, ct));
    }

    private static Task<List<QueueCount>> CountAsync(IQueryable<Match> q, CancellationToken ct) =>
        q.GroupBy(m => new { m.LaneId, m.Status })
            .Select(g => new QueueCount(g.Key.LaneId, g.Key.Status, g.Count()))
            .ToListAsync(ct);

    private IQueryable<Match> Filtered(QueueFilter f, QueueScope scope)
    {
        var q = db.Matches.AsNoTracking();
        if (scope.AssignedOnly) q = q.Where(m => m.AssigneeId == scope.UserId);
        if (!string.IsNullOrEmpty(f.Lane)) q = q.Where(m => m.LaneId == f.Lane);
        if (f.Status != QueueFilter.AllStatuses && f.StatusValue is { } status) q = q.Where(m => m.Status == status);
        q = f.Assignee switch
        {
            null or "" => q,
            QueueFilter.Me => q.Where(m => m.AssigneeId == scope.UserId),
            QueueFilter.Unassigned => q.Where(m => m.AssigneeId == null),
            var id => q.Where(m => m.AssigneeId == id),
        };
        if (f.Verified) q = q.Where(m => m.Posting!.Client.PaymentVerified == true);
        if (f.MaxAgeHours is { } hours)
        {
            var since = clock.GetUtcNow().AddHours(-hours);
            q = q.Where(m => m.Posting!.PublishedAt >= since);
        }
        if (f.BudgetMin is { } min)
        {
            q = q.Where(m => m.Posting!.Type == PostingType.Fixed ? m.Posting.FixedBudget >= min : (m.Posting.HourlyMax ?? m.Posting.HourlyMin) >= min);
        }
        if (f.BudgetMax is { } max)
        {
            q = q.Where(m => m.Posting!.Type == PostingType.Fixed ? m.Posting.FixedBudget <= max : (m.Posting.HourlyMax ?? m.Posting.HourlyMin) <= max);
        }
        return q;
    }

    private static IQueryable<QueueRow> Project(IQueryable<Match> q) => q.Select(m => new QueueRow(
        m.Id, m.PostingId, m.Posting!.Title, m.Posting.Url, m.Posting.Type, m.Posting.FixedBudget, m.Posting.HourlyMin, m.Posting.HourlyMax,
        new ClientFacts(m.Posting.Client.Country, m.Posting.Client.PaymentVerified, m.Posting.Client.TotalSpent, m.Posting.Client.TotalHires,
            m.Posting.Client.Rating, m.Posting.Client.ReviewsCount), m.Posting.TotalApplicants, m.Posting.PublishedAt, m.MatchedAt, m.LaneId, m.Lane!.Name,
        m.Status, m.AssigneeId, m.SnoozedUntil, m.DismissReason, m.Version, m.Posting.ContentPurgedAt != null,
        m.EvidenceJson, m.Score));

    private async Task<IReadOnlyList<QueueRow>> DecorateAsync(List<QueueRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return rows;
        var postingIds = rows.Select(r => r.PostingId).Distinct().ToList();
        var siblings = (await db.Matches.AsNoTracking().Where(m => postingIds.Contains(m.PostingId))
                .Select(m => new { m.Id, m.PostingId, m.LaneId, m.Lane!.Name }).ToListAsync(ct))
            .ToLookup(m => m.PostingId);
        var assigneeIds = rows.Select(r => r.AssigneeId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => assigneeIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(r => r with
        {
            OtherLanes = siblings[r.PostingId].Where(s => s.Id != r.Id).Select(s => (s.LaneId, s.Name)).ToList(),
            AssigneeName = r.AssigneeId is null ? null : names.GetValueOrDefault(r.AssigneeId, "(removed user)"),
        }).ToList();
    }
}
