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
public sealed class AnalyticsReport(AppDbContext db, TimeProvider clock, IOptions<AnalyticsOptions> options, IMemoryCache cache, FactsSnapshot snapshot, StoreCache storeCache)
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
        var table = await snapshot.GetAsync(db, ct);
        var trends = Trends(table, table.Select(filter with { From = null, To = null, Days = TrendDays.Max() * 2 }, user, now), now);
        var selected = table.Select(filter, user, now);

        // Every breakdown in one pass over the period's facts: a tally per group, found by the fact's codes.
        var summary = new Tally();
        var lanes = new Tally?[table.LaneIds.Count];
        var people = new Tally?[table.PersonIds.Count];
        var templates = new Tally?[table.TemplateKeys.Count];
        var edits = new Tally?[table.TemplateKeys.Count * ProposalMetrics.EditBands.Length];
        var tiers = new Tally?[ProposalMetrics.BudgetTiers.Length];
        var ages = new Tally?[ProposalMetrics.PostAges.Length];
        var applicants = new Tally?[ProposalMetrics.ApplicantBands.Length];
        // Facts are in send order, so the first and last give the weeks' span.
        var firstWeek = selected.Count == 0 ? 0 : table.Codes[selected[0]].Week;
        var weeks = new Tally?[selected.Count == 0 ? 0 : (table.Codes[selected[^1]].Week - firstWeek) / 7 + 1];
        foreach (var i in selected)
        {
            ref readonly var m = ref table.Measures[i];
            ref readonly var c = ref table.Codes[i];
            summary.Add(m);
            (lanes[c.Lane] ??= new()).Add(m);
            (people[c.Person] ??= new()).Add(m);
            (templates[c.Template] ??= new()).Add(m);
            (edits[c.Template * ProposalMetrics.EditBands.Length + c.Edit] ??= new()).Add(m);
            (tiers[c.Tier] ??= new()).Add(m);
            (ages[c.PostAge] ??= new()).Add(m);
            (applicants[c.Applicants] ??= new()).Add(m);
            (weeks[(c.Week - firstWeek) / 7] ??= new()).Add(m);
        }

        var templateLabel = (int code) => choices.TemplateName(table.TemplateKeys[code] is var key && key == 0 ? null : key);
        var templateText = (int code) => ProposalMetrics.TemplateText(table.TemplateKeys[code]);
        var byLane = Rows(lanes, code => table.LaneIds[code], code => choices.LaneName(table.LaneIds[code] is "" ? null : table.LaneIds[code]));
        var quality = await LaneQualityAsync(filter.Lane, start, end, choices, byLane, ct);
        // Template by template (ordinal by key, as the template table), each in band order.
        var editRows = Rows(templates, templateText, templateLabel).SelectMany(t =>
        {
            var code = Enumerable.Range(0, table.TemplateKeys.Count).First(c => templateText(c) == t.Key);
            return ProposalMetrics.EditBands.Select((band, b) => (band, tally: edits[code * ProposalMetrics.EditBands.Length + b]))
                .Where(e => e.tally is not null).Select(e => new EditDistanceRow(t.Label, e.band, e.tally!.ToFunnel()));
        }).ToList();
        string Week(int index) => ProposalMetrics.WeekText(DateOnly.FromDayNumber(firstWeek + 7 * index));
        return new Report(start, end, summary.ToFunnel(), trends,
            byLane,
            Rows(people, code => table.PersonIds[code], code => choices.PersonName(table.PersonIds[code])),
            Rows(templates, templateText, templateLabel),
            Bands(tiers, ProposalMetrics.BudgetTiers),
            Rows(weeks, Week, index => "week of " + Week(index)),
            Bands(ages, ProposalMetrics.PostAges),
            Bands(applicants, ProposalMetrics.ApplicantBands),
            quality, editRows);
    }

    /// <summary>A breakdown's rows, ordinal by key text.</summary>
    private static List<Breakdown> Rows(Tally?[] tallies, Func<int, string> key, Func<int, string> label) =>
        [.. tallies.Index().Where(t => t.Item is not null).Select(t => (Key: key(t.Index), t.Index, Tally: t.Item!))
            .OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Breakdown(t.Key, label(t.Index), t.Tally.ToFunnel()))];

    /// <summary>A banded breakdown's rows, in the bands' order (the key is the band's name).</summary>
    private static List<Breakdown> Bands(Tally?[] tallies, string[] bands) =>
        [.. tallies.Index().Where(t => t.Item is not null).Select(t => new Breakdown(bands[t.Index], bands[t.Index], t.Item!.ToFunnel()))];

    public static IQueryable<ProposalFact> Facts(AppDbContext db, IQueryable<Proposal> proposals) =>
        from p in proposals
        join g in db.ProposalProgress on p.Id equals g.ProposalId into progress
        from g in progress.DefaultIfEmpty()
        select new ProposalFact(p.Id, p.SentAt, p.FreelancerId, p.LaneId, p.TemplateId, p.PostingPublishedAt, p.ApplicantsAtSend,
            p.BudgetAtSend, p.ContractType, p.ConnectsSpent, p.EditDistance, p.RevenueEarned,
            g == null ? null : g.RepliedAt, g == null ? null : g.InterviewAt, g == null ? null : g.HiredAt);

    private static readonly int[] TrendDays = [60, 90];

    /// <summary>The last 60 and 90 days (to the end of today, UTC) against the 60 and 90 days before them, in one pass.</summary>
    private static List<Trend> Trends(FactTable table, List<int> selected, DateTimeOffset now)
    {
        var end = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        var counts = TrendDays.Select(days => (Days: days, Split: end.AddDays(-days), Start: end.AddDays(-2 * days), Current: new Tally(medians: false), Previous: new Tally(medians: false))).ToArray();
        foreach (var i in selected)
        {
            var sent = table.Facts[i].SentAt;
            if (sent >= end) break; // send order: the rest are later still
            foreach (var (_, split, start, current, previous) in counts)
            {
                if (sent >= split) current.Add(table.Measures[i]);
                else if (sent >= start) previous.Add(table.Measures[i]);
            }
        }
        return [.. counts.Select(c => new Trend(c.Days, c.Current.ToFunnel(), c.Previous.ToFunnel()))];
    }

    private async Task<IReadOnlyList<LaneQuality>> LaneQualityAsync(string? lane, DateTimeOffset? start, DateTimeOffset? end, FilterChoices choices, IReadOnlyList<Breakdown> proposals, CancellationToken ct)
    {
        var labels = (await LaneLabels.GetAsync(db, storeCache, ct)).For(string.IsNullOrEmpty(lane) ? null : lane, start, end);
        var funnels = proposals.ToDictionary(b => b.Key, b => b.Funnel, StringComparer.Ordinal);
        var empty = ProposalMetrics.Summarize([]);
        return labels.Keys.Union(funnels.Keys.Where(k => k != "")).Order(StringComparer.Ordinal).Select(id =>
        {
            labels.TryGetValue(id, out var l);
            return new LaneQuality(id, choices.LaneName(id), l?.Total ?? 0, l?.Kept ?? 0, l?.Dismissed ?? 0, funnels.GetValueOrDefault(id, empty));
        }).OrderBy(q => q.Lane, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
