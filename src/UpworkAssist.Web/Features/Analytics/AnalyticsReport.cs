using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>A lane's triage precision (matches people kept versus dismissed) beside the outcomes of its proposals.</summary>
public sealed record LaneQuality(string LaneId, string Lane, int Matches, int Kept, int Dismissed, Funnel Proposals)
{
    public Rate Precision => Rate.Of(Kept, Kept + Dismissed);
}

/// <summary>The rates of the last N days against the N days before them.</summary>
public sealed record Trend(int Days, Funnel Current, Funnel Previous);

public sealed record EditDistanceRow(string Template, string Band, Funnel Funnel);

public sealed record Report(DateTimeOffset? Start, DateTimeOffset? End, Funnel Summary, IReadOnlyList<Trend> Trends,
    IReadOnlyList<Breakdown> Lanes, IReadOnlyList<Breakdown> People, IReadOnlyList<Breakdown> Templates, IReadOnlyList<Breakdown> BudgetTiers,
    IReadOnlyList<Breakdown> Weeks, IReadOnlyList<Breakdown> PostAges, IReadOnlyList<Breakdown> Applicants,
    IReadOnlyList<LaneQuality> LaneQuality, IReadOnlyList<EditDistanceRow> EditDistance);

/// <summary>
/// Builds the analytics for a filter and a reader from the in-memory <see cref="FactsSnapshot"/>
/// (kept current with the store): the period's facts and the trends are filtered and grouped in
/// memory; lane precision is one SQL aggregate over the matches.
/// </summary>
public sealed class AnalyticsReport(AppDbContext db, TimeProvider clock, IOptions<AnalyticsOptions> options, IMemoryCache cache, FactsSnapshot snapshot)
{
    public const int DefaultDays = 90;

    /// <summary>How long a built report may be reused when nothing it counts has changed (triage labels may lag this much).</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The report, reused while the data it counts is unchanged: the key holds the reader's scope,
    /// the filter, today's date and a version (newest proposal, latest proposal update, newest
    /// stage change), each read from an index in well under a millisecond.
    /// </summary>
    public async Task<Report> GetAsync(ProposalFilter filter, ClaimsPrincipal user, FilterChoices choices, CancellationToken ct) =>
        (await GetOrBuildAsync(filter, user, choices, ct)).Report;

    /// <summary>
    /// The report, and whether it was built (false: it was cached for the data as it is).
    /// <paramref name="rebuild"/> builds it even so, renewing its time in the cache.
    /// </summary>
    public async Task<(Report Report, bool Built)> GetOrBuildAsync(ProposalFilter filter, ClaimsPrincipal user, FilterChoices choices, CancellationToken ct, bool rebuild = false)
    {
        var scope = ProposalAccess.ReadsAll(user) ? "*" : ProposalAccess.UserId(user);
        var newest = await db.Proposals.MaxAsync(p => (long?)p.Id, ct);
        var updated = await db.Proposals.OrderByDescending(p => p.UpdatedAt).Select(p => (DateTimeOffset?)p.UpdatedAt).FirstOrDefaultAsync(ct);
        var change = await db.ProposalStageChanges.MaxAsync(c => (long?)c.Id, ct);
        var key = ("analytics", scope, WithDefaultPeriod(filter), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), newest, updated, change);
        if (!rebuild && cache.TryGetValue(key, out Report? cached) && cached is not null)
        {
            return (cached, false);
        }
        var report = await BuildAsync(filter, user, choices, ct);
        cache.Set(key, report, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor, Size = 1 });
        return (report, true);
    }

    public AnalyticsOptions Options => options.Value;

    public static ProposalFilter WithDefaultPeriod(ProposalFilter filter) =>
        filter.From is null && filter.To is null && filter.Days is null ? filter with { Days = DefaultDays } : filter;

    public async Task<Report> BuildAsync(ProposalFilter filter, ClaimsPrincipal user, FilterChoices choices, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        filter = WithDefaultPeriod(filter);
        var (start, end) = filter.Range(now);
        var all = await snapshot.GetAsync(db, ct);
        var facts = all.Where(FactsSnapshot.Where(filter, user, now)).ToList();
        var trends = Trends(all.Where(FactsSnapshot.Where(filter with { From = null, To = null, Days = null }, user, now)), now);
        var lanes = ProposalMetrics.By(facts, f => f.LaneId ?? "", k => choices.LaneName(k == "" ? null : k));
        var quality = await LaneQualityAsync(filter.Lane, start, end, choices, lanes, ct);
        var edits = facts.GroupBy(ProposalMetrics.TemplateKey).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => ProposalMetrics.By(g, ProposalMetrics.EditBand, k => k, ProposalMetrics.EditBands)
                .Select(b => new EditDistanceRow(TemplateLabel(choices)(g.Key), b.Label, b.Funnel)))
            .ToList();
        return new Report(start, end, ProposalMetrics.Summarize(facts), trends,
            lanes,
            ProposalMetrics.By(facts, f => f.FreelancerId, k => choices.PersonName(k)),
            ProposalMetrics.By(facts, ProposalMetrics.TemplateKey, TemplateLabel(choices)),
            ProposalMetrics.By(facts, ProposalMetrics.BudgetTier, k => k, ProposalMetrics.BudgetTiers),
            ProposalMetrics.By(facts, ProposalMetrics.WeekKey, k => "week of " + k),
            ProposalMetrics.By(facts, ProposalMetrics.PostAge, k => k, ProposalMetrics.PostAges),
            ProposalMetrics.By(facts, ProposalMetrics.Applicants, k => k, ProposalMetrics.ApplicantBands),
            quality, edits);
    }

    private static Func<string, string> TemplateLabel(FilterChoices choices) =>
        key => choices.TemplateName(key == "none" ? null : long.Parse(key, System.Globalization.CultureInfo.InvariantCulture));

    public static IQueryable<ProposalFact> Facts(AppDbContext db, IQueryable<Proposal> proposals) =>
        from p in proposals
        join g in db.ProposalProgress on p.Id equals g.ProposalId into progress
        from g in progress.DefaultIfEmpty()
        select new ProposalFact(p.Id, p.SentAt, p.FreelancerId, p.LaneId, p.TemplateId, p.PostingPublishedAt, p.ApplicantsAtSend,
            p.BudgetAtSend, p.ContractType, p.ConnectsSpent, p.EditDistance, p.RevenueEarned,
            g == null ? null : g.RepliedAt, g == null ? null : g.InterviewAt, g == null ? null : g.HiredAt);

    private static readonly int[] TrendDays = [60, 90];

    /// <summary>The last 60 and 90 days (to the end of today, UTC) against the 60 and 90 days before them.</summary>
    private static List<Trend> Trends(IEnumerable<ProposalFact> facts, DateTimeOffset now)
    {
        var end = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        var recent = facts.Where(f => f.SentAt >= end.AddDays(-180) && f.SentAt < end).ToList();
        return [.. TrendDays.Select(days => new Trend(days,
            Counts(recent.Where(f => f.SentAt >= end.AddDays(-days))),
            Counts(recent.Where(f => f.SentAt >= end.AddDays(-2 * days) && f.SentAt < end.AddDays(-days)))))];
    }

    private static Funnel Counts(IEnumerable<ProposalFact> facts)
    {
        int sent = 0, replied = 0, shortlisted = 0, won = 0;
        foreach (var f in facts)
        {
            sent++;
            if (f.RepliedAt is not null) replied++;
            if (f.InterviewAt is not null) shortlisted++;
            if (f.HiredAt is not null) won++;
        }
        return new Funnel(sent, replied, shortlisted, won, 0, 0, null, null, null);
    }

    private async Task<IReadOnlyList<LaneQuality>> LaneQualityAsync(string? lane, DateTimeOffset? start, DateTimeOffset? end, FilterChoices choices, IReadOnlyList<Breakdown> proposals, CancellationToken ct)
    {
        var matches = db.Matches.AsNoTracking();
        if (!string.IsNullOrEmpty(lane)) matches = matches.Where(m => m.LaneId == lane);
        if (start is { } s) matches = matches.Where(m => m.MatchedAt >= s);
        if (end is { } e) matches = matches.Where(m => m.MatchedAt < e);
        var labels = await matches.GroupBy(m => m.LaneId).Select(g => new
        {
            g.Key, Total = g.Count(),
            Kept = g.Count(m => m.Status == MatchStatus.Shortlisted || m.Status == MatchStatus.Assigned),
            Dismissed = g.Count(m => m.Status == MatchStatus.Dismissed),
        }).ToDictionaryAsync(x => x.Key, ct);
        var funnels = proposals.ToDictionary(b => b.Key, b => b.Funnel, StringComparer.Ordinal);
        var empty = ProposalMetrics.Summarize([]);
        return labels.Keys.Union(funnels.Keys.Where(k => k != "")).Order(StringComparer.Ordinal).Select(id =>
        {
            labels.TryGetValue(id, out var l);
            return new LaneQuality(id, choices.LaneName(id), l?.Total ?? 0, l?.Kept ?? 0, l?.Dismissed ?? 0, funnels.GetValueOrDefault(id, empty));
        }).OrderBy(q => q.Lane, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
