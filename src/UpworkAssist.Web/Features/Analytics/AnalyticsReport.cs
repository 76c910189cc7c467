using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>
/// A lane's triage precision (matches people kept versus dismissed) beside the outcomes of its proposals.
/// </summary>
public sealed record LaneQuality(string LaneId, string Lane, int Matches, int Kept, int Dismissed, Funnel Proposals)
{
    public Rate Precision => Rate.Of(Kept, Kept + Dismissed);
}

/// <summary>The rates of the last N days against the N days before them.</summary>
public sealed record Trend(int Days, Funnel Current, Funnel Previous);

/// <summary>
/// What a report is for. The page's breakdown tables show one median (time to first reply), so a
/// page report works out only that one per row (the summary has all three); an export has every
/// median of every row. Each median is a selection over its samples, and the two the page does
/// not show were most of a report's cost.
/// </summary>
public enum ReportDetail
{
    Page,
    Export,
}

public sealed record EditDistanceRow(string Template, string Band, Funnel Funnel);

public sealed record Report(
    DateTimeOffset? Start,
    DateTimeOffset? End,
    Funnel Summary,
    IReadOnlyList<Trend> Trends,
    IReadOnlyList<Breakdown> Lanes,
    IReadOnlyList<Breakdown> People,
    IReadOnlyList<Breakdown> Templates,
    IReadOnlyList<Breakdown> BudgetTiers,
    IReadOnlyList<Breakdown> Weeks,
    IReadOnlyList<Breakdown> PostAges,
    IReadOnlyList<Breakdown> Applicants,
    IReadOnlyList<LaneQuality> LaneQuality,
    IReadOnlyList<EditDistanceRow> EditDistance
);

/// <summary>
/// Builds the analytics for a filter and a reader from the in-memory <see cref="FactsSnapshot"/>
/// (kept current with the store): the period's facts and the trends are filtered and grouped in
/// memory; lane precision comes from the per-day <see cref="LaneLabels"/>.
/// </summary>
public sealed class AnalyticsReport(
    AppDbContext db,
    TimeProvider clock,
    IOptions<AnalyticsOptions> options,
    IMemoryCache cache,
    FactsSnapshot snapshot,
    StoreCache storeCache
)
{
    public const int DefaultDays = 90;

    /// <summary>
    /// The report, reused for <see cref="AnalyticsOptions.ReportCacheSeconds"/> while the data it counts is unchanged:
    /// the key holds the reader's scope,
    /// the filter, today's date and a version (newest proposal, latest proposal update, newest
    /// stage change), each read from an index in well under a millisecond.
    /// </summary>
    public async Task<Report> GetAsync(
        ProposalFilter filter,
        ClaimsPrincipal user,
        FilterChoices choices,
        ReportDetail detail,
        CancellationToken ct
    ) => (await GetOrBuildAsync(filter, user, choices, detail, ct)).Report;

    /// <summary>
    /// The report, and whether it was built (false: it was cached for the data as it is).
    /// <paramref name="rebuild"/> builds it even so, renewing its time in the cache.
    /// </summary>
    public async Task<(Report Report, bool Built)> GetOrBuildAsync(
        ProposalFilter filter,
        ClaimsPrincipal user,
        FilterChoices choices,
        ReportDetail detail,
        CancellationToken ct,
        bool rebuild = false
    )
    {
        var cacheFor = options.Value.ReportCache;
        if (cacheFor <= TimeSpan.Zero)
        {
            return (await BuildAsync(filter, user, choices, detail, ct), true);
        }
        var version = await FactsSnapshot.VersionAsync(db, ct);
        var now = clock.GetUtcNow();
        var key = (
            "analytics",
            ScopeOf(user),
            WithDefaultPeriod(filter),
            detail,
            DateOnly.FromDateTime(now.UtcDateTime),
            version
        );
        // The age is checked against the injected clock; the cache's own expiry (real time) only frees the memory.
        if (
            !rebuild
            && cache.TryGetValue(key, out Built? cached)
            && cached is not null
            && now - cached.At < cacheFor
            && now >= cached.At
        )
        {
            return (cached.Report, false);
        }
        var report = await BuildAsync(filter, user, choices, detail, ct, version);
        cache.Set(
            key,
            new Built(report, now),
            new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = cacheFor, Size = 1 }
        );
        return (report, true);
    }

    private sealed record Built(Report Report, DateTimeOffset At);

    /// <summary>Whose proposals a reader's reports count: "*" for those who read all, else their own id.</summary>
    public static string ScopeOf(ClaimsPrincipal user) =>
        ProposalAccess.ReadsAll(user) ? "*" : ProposalAccess.UserId(user) ?? "";

    public AnalyticsOptions Options => options.Value;

    public static ProposalFilter WithDefaultPeriod(ProposalFilter filter) =>
        filter.From is null && filter.To is null && filter.Days is null ? filter with { Days = DefaultDays } : filter;

    /// <param name="version">The data version, when the caller has just read it.</param>
    public async Task<Report> BuildAsync(
        ProposalFilter filter,
        ClaimsPrincipal user,
        FilterChoices choices,
        ReportDetail detail,
        CancellationToken ct,
        FactsSnapshot.DataVersion? version = null
    )
    {
        var now = clock.GetUtcNow();
        filter = WithDefaultPeriod(filter);
        var (start, end) = filter.Range(now);
        var table = await snapshot.GetAsync(db, ct, version);
        // The trends ignore the period, so the views of one reader and filter share them for the day.
        var trendFilter = filter with
        {
            From = null,
            To = null,
            Days = TrendDays.Max() * 2,
        };
        var trends = table.Remember(
            ("trends", ScopeOf(user), trendFilter, DateOnly.FromDateTime(now.UtcDateTime)),
            () =>
            {
                using var recent = table.Select(trendFilter, user, now);
                return Trends(table, recent.Positions, now);
            }
        );
        using var selection = table.Select(filter, user, now);
        var selected = selection.Positions;

        // Every breakdown counted at once; weeks are numbered from the first fact's (send order).
        var firstWeek = selected.IsEmpty ? 0 : table.Codes[selected[0]].Week;
        var weekCount = selected.IsEmpty ? 0 : (table.Codes[selected[^1]].Week - firstWeek) / 7 + 1;
        var bands = ProposalMetrics.EditBands.Length;
        var summary =
            FunnelCounter.Count(table, selected, [1], (_, groups) => groups[0] = 0, Medians.All)[0][0] ?? Funnel.Empty;
        var counted = FunnelCounter.Count(
            table,
            selected,
            [
                table.LaneIds.Count,
                table.PersonIds.Count,
                table.TemplateKeys.Count,
                table.TemplateKeys.Count * bands,
                ProposalMetrics.BudgetTiers.Length,
                ProposalMetrics.PostAges.Length,
                ProposalMetrics.ApplicantBands.Length,
                weekCount,
            ],
            (fact, groups) =>
            {
                ref readonly var c = ref table.Codes[fact];
                (groups[0], groups[1], groups[2], groups[3]) = (
                    c.Lane,
                    c.Person,
                    c.Template,
                    c.Template * bands + c.Edit
                );
                (groups[4], groups[5], groups[6], groups[7]) = (
                    c.Tier,
                    c.PostAge,
                    c.Applicants,
                    (c.Week - firstWeek) / 7
                );
            },
            detail == ReportDetail.Export ? Medians.All : Medians.HoursToReply
        );
        var (lanes, people, templates, edits, tiers, ages, applicants, weeks) = (
            counted[0],
            counted[1],
            counted[2],
            counted[3],
            counted[4],
            counted[5],
            counted[6],
            counted[7]
        );

        var templateLabel = (int code) =>
            choices.TemplateName(table.TemplateKeys[code] is var key && key == 0 ? null : key);
        var templateText = (int code) => ProposalMetrics.TemplateText(table.TemplateKeys[code]);
        var byLane = Rows(
            lanes,
            code => table.LaneIds[code],
            code => choices.LaneName(table.LaneIds[code] is "" ? null : table.LaneIds[code])
        );
        var quality = await LaneQualityAsync(filter.Lane, start, end, choices, byLane, ct);
        // Template by template (ordinal by key, as the template table), each in band order.
        var editRows = Enumerable
            .Range(0, templates.Length)
            .Where(code => templates[code] is not null)
            .OrderBy(templateText, StringComparer.Ordinal)
            .SelectMany(code =>
                ProposalMetrics
                    .EditBands.Select((band, b) => (band, funnel: edits[code * bands + b]))
                    .Where(e => e.funnel is not null)
                    .Select(e => new EditDistanceRow(templateLabel(code), e.band, e.funnel!))
            )
            .ToList();
        string Week(int index) => ProposalMetrics.WeekText(DateOnly.FromDayNumber(firstWeek + 7 * index));
        return new Report(
            start,
            end,
            summary,
            trends,
            byLane,
            Rows(people, code => table.PersonIds[code], code => choices.PersonName(table.PersonIds[code])),
            Rows(templates, templateText, templateLabel),
            Bands(tiers, ProposalMetrics.BudgetTiers),
            Rows(weeks, Week, index => "week of " + Week(index)),
            Bands(ages, ProposalMetrics.PostAges),
            Bands(applicants, ProposalMetrics.ApplicantBands),
            quality,
            editRows
        );
    }

    /// <summary>A breakdown's rows, ordinal by key text.</summary>
    private static List<Breakdown> Rows(Funnel?[] funnels, Func<int, string> key, Func<int, string> label) =>
        [
            .. funnels
                .Index()
                .Where(f => f.Item is not null)
                .Select(f => (Key: key(f.Index), f.Index, Funnel: f.Item!))
                .OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => new Breakdown(f.Key, label(f.Index), f.Funnel)),
        ];

    /// <summary>A banded breakdown's rows, in the bands' order (the key is the band's name).</summary>
    private static List<Breakdown> Bands(Funnel?[] funnels, string[] bands) =>
        [
            .. funnels
                .Index()
                .Where(f => f.Item is not null)
                .Select(f => new Breakdown(bands[f.Index], bands[f.Index], f.Item!)),
        ];

    public static IQueryable<ProposalFact> Facts(AppDbContext db, IQueryable<Proposal> proposals) =>
        from p in proposals
        join g in db.ProposalProgress on p.Id equals g.ProposalId into progress
        from g in progress.DefaultIfEmpty()
        select new ProposalFact(
            p.Id,
            p.SentAt,
            p.FreelancerId,
            p.LaneId,
            p.TemplateId,
            p.PostingPublishedAt,
            p.ApplicantsAtSend,
            p.BudgetAtSend,
            p.ContractType,
            p.ConnectsSpent,
            p.EditDistance,
            p.RevenueEarned,
            g == null ? null : g.RepliedAt,
            g == null ? null : g.InterviewAt,
            g == null ? null : g.HiredAt
        );

    private static readonly int[] TrendDays = [60, 90];

    /// <summary>
    /// The last 60 and 90 days (to the end of today, UTC) against the 60 and 90 days before them (counts and rates
    /// only).
    /// </summary>
    private static Trend[] Trends(FactTable table, ReadOnlySpan<int> selected, DateTimeOffset now)
    {
        var end = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1).UtcTicks;
        var (split, start) = (
            TrendDays.Select(d => end - d * TimeSpan.TicksPerDay).ToArray(),
            TrendDays.Select(d => end - 2 * d * TimeSpan.TicksPerDay).ToArray()
        );
        var counted = FunnelCounter.Count(
            table,
            selected,
            [.. TrendDays.Select(_ => 2)],
            (fact, groups) =>
            {
                var sent = table.SentTicks(fact);
                for (var d = 0; d < groups.Length; d++)
                {
                    groups[d] =
                        sent >= end ? -1
                        : sent >= split[d] ? 0
                        : sent >= start[d] ? 1
                        : -1;
                }
            },
            Medians.None
        );
        return
        [
            .. TrendDays.Select(
                (days, d) => new Trend(days, counted[d][0] ?? Funnel.Empty, counted[d][1] ?? Funnel.Empty)
            ),
        ];
    }

    private async Task<IReadOnlyList<LaneQuality>> LaneQualityAsync(
        string? lane,
        DateTimeOffset? start,
        DateTimeOffset? end,
        FilterChoices choices,
        IReadOnlyList<Breakdown> proposals,
        CancellationToken ct
    )
    {
        var labels = (await LaneLabels.GetAsync(db, storeCache, ct)).For(
            string.IsNullOrEmpty(lane) ? null : lane,
            start,
            end
        );
        var funnels = proposals.ToDictionary(b => b.Key, b => b.Funnel, StringComparer.Ordinal);
        return labels
            .Keys.Union(funnels.Keys.Where(k => k != ""))
            .Order(StringComparer.Ordinal)
            .Select(id =>
            {
                labels.TryGetValue(id, out var l);
                return new LaneQuality(
                    id,
                    choices.LaneName(id),
                    l?.Total ?? 0,
                    l?.Kept ?? 0,
                    l?.Dismissed ?? 0,
                    funnels.GetValueOrDefault(id, Funnel.Empty)
                );
            })
            .OrderBy(q => q.Lane, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
