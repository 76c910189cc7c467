using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>
/// Every proposal's facts, held in memory and brought up to date incrementally, so a report is
/// built from memory instead of reading its whole window from the store (docs/performance.md
/// "Analytics page"). A proposal only ever changes by being recorded (a new id) or through
/// <see cref="ProposalStages"/>, which sets its <c>UpdatedAt</c>: each read first takes the data
/// version (highest id, latest <c>UpdatedAt</c>), and only when it moved re-reads the proposals
/// with a higher id or an <c>UpdatedAt</c> at or after the last one seen. The version is taken
/// before the rows, so a write in between is read now or on the next refresh, never lost.
/// Each refresh lays the facts out as a <see cref="FactTable"/>. About 530 bytes per proposal
/// (50 MB at 100,000; `analytics-profile` measures it).
/// </summary>
public sealed class FactsSnapshot : IDisposable
{
    private sealed record State(long? MaxId, DateTimeOffset? MaxUpdated, FactTable Table);

    /// <summary>The proposals' data version: highest proposal id, latest proposal update, highest stage-change id.</summary>
    public sealed record DataVersion(long? MaxId, long? MaxUpdated, long? MaxChange)
    {
        public DateTimeOffset? Updated => MaxUpdated is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    /// <summary>
    /// The data version in one statement: three scalar subqueries, each answered from the end of an
    /// index (the primary keys and <c>IX_Proposals_UpdatedAt</c>), not a scan. Instants are stored as
    /// UTC ticks (AppDbContext).
    /// </summary>
    public static Task<DataVersion> VersionAsync(AppDbContext db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<DataVersion>("""
            SELECT (SELECT MAX(Id) FROM Proposals) AS MaxId, (SELECT MAX(UpdatedAt) FROM Proposals) AS MaxUpdated,
                   (SELECT MAX(Id) FROM ProposalStageChanges) AS MaxChange
            """).SingleAsync(ct);

    private volatile State? _state;
    private readonly SemaphoreSlim _refresh = new(1, 1);

    /// <summary>How many reads of the store the snapshot made (a full load counts one): for tests.</summary>
    public int Reads { get; private set; }

    /// <param name="known">The data version the caller has just read, so it is not read twice.</param>
    public async Task<FactTable> GetAsync(AppDbContext db, CancellationToken ct, DataVersion? known = null)
    {
        var version = known ?? await VersionAsync(db, ct);
        if (_state is { } s && s.MaxId == version.MaxId && s.MaxUpdated == version.Updated) return s.Table;
        await _refresh.WaitAsync(ct);
        try
        {
            // Read again under the lock: another refresh may have finished meanwhile.
            version = await VersionAsync(db, ct);
            var (maxId, maxUpdated) = (version.MaxId, version.Updated);
            var state = _state;
            if (state is not null && state.MaxId == maxId && state.MaxUpdated == maxUpdated) return state.Table;
            var proposals = db.Proposals.AsNoTracking();
            if (state is not null)
            {
                var (lastId, lastUpdated) = (state.MaxId ?? 0, state.MaxUpdated ?? DateTimeOffset.MinValue);
                proposals = proposals.Where(p => p.Id > lastId || p.UpdatedAt >= lastUpdated);
            }
            var changed = await AnalyticsReport.Facts(db, proposals).ToListAsync(ct);
            Reads++;
            _state = new State(maxId, maxUpdated, new FactTable(state is null ? [.. changed] : Merge(state.Table.Facts, changed)));
            return _state.Table;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private static ProposalFact[] Merge(IReadOnlyList<ProposalFact> facts, List<ProposalFact> changed)
    {
        var byId = changed.ToDictionary(f => f.Id);
        var merged = new List<ProposalFact>(facts.Count + changed.Count);
        foreach (var f in facts) merged.Add(byId.Remove(f.Id, out var now) ? now : f);
        merged.AddRange(byId.Values);
        return [.. merged];
    }
}

/// <summary>What a proposal adds to a funnel, worked out once per proposal (NaN where a value is unknown).</summary>
public readonly record struct Measures(bool Replied, bool Shortlisted, bool Won, decimal Revenue, int Connects,
    double HoursToReply, double MinutesToSend, double Applicants)
{
    /// <summary>Whether it earned anything: a flag, because comparing a decimal costs a call and most proposals earn nothing.</summary>
    public bool Earned { get; } = Revenue != 0;

    public static Measures Of(ProposalFact f) => new(f.RepliedAt is not null, f.InterviewAt is not null, f.HiredAt is not null,
        f.RevenueEarned ?? 0, f.ConnectsSpent ?? 0,
        f.RepliedAt is { } r ? (r - f.SentAt).TotalHours : double.NaN,
        f.PostingPublishedAt is { } published ? (f.SentAt - published).TotalMinutes : double.NaN,
        f.ApplicantsAtSend ?? double.NaN);
}

/// <summary>
/// A proposal's group in each breakdown as a small number: an index into the table's lane, person
/// and template lists, the day number of its week's Monday, and each band's position in its list
/// (<see cref="ProposalMetrics.BudgetTiers"/> and the rest).
/// </summary>
public readonly record struct GroupCodes(int Lane, int Person, int Template, int Week, byte Tier, byte PostAge, byte Applicants, byte Edit);

/// <summary>
/// The facts laid out for reports: in send order (then id), so a period is two binary searches;
/// beside each fact its <see cref="Measures"/> and <see cref="GroupCodes"/>, so a report counts
/// every breakdown in one pass with array lookups instead of recomputing keys and hashing strings.
/// Immutable once built; shared by every report until the next refresh.
/// </summary>
public sealed class FactTable
{
    public FactTable(ProposalFact[] facts)
    {
        Array.Sort(facts, static (a, b) => a.SentAt != b.SentAt ? a.SentAt.CompareTo(b.SentAt) : a.Id.CompareTo(b.Id));
        Facts = facts;
        _sentTicks = new long[facts.Length];
        Measures = new Measures[facts.Length];
        Codes = new GroupCodes[facts.Length];
        var (lanes, people, templates) = (new Numbering<string>(), new Numbering<string>(), new Numbering<long>());
        for (var i = 0; i < facts.Length; i++)
        {
            var f = facts[i];
            _sentTicks[i] = f.SentAt.UtcTicks;
            Measures[i] = Analytics.Measures.Of(f);
            Codes[i] = new GroupCodes(lanes.Of(f.LaneId ?? ""), people.Of(f.FreelancerId), templates.Of(ProposalMetrics.TemplateKey(f)),
                ProposalMetrics.WeekOf(f.SentAt).DayNumber, Band(ProposalMetrics.BudgetTiers, ProposalMetrics.BudgetTier(f)),
                Band(ProposalMetrics.PostAges, ProposalMetrics.PostAge(f)), Band(ProposalMetrics.ApplicantBands, ProposalMetrics.Applicants(f)),
                Band(ProposalMetrics.EditBands, ProposalMetrics.EditBand(f)));
        }
        (LaneIds, PersonIds, TemplateKeys) = (lanes.Values, people.Values, templates.Values);
    }

    /// <summary>Every proposal's facts, in send order then id.</summary>
    public IReadOnlyList<ProposalFact> Facts { get; }

    public Measures[] Measures { get; }

    public GroupCodes[] Codes { get; }

    /// <summary>The lane id of each lane code ("" for no lane).</summary>
    public IReadOnlyList<string> LaneIds { get; }

    /// <summary>The freelancer id of each person code.</summary>
    public IReadOnlyList<string> PersonIds { get; }

    /// <summary>The <see cref="ProposalMetrics.TemplateKey"/> of each template code (0 for none).</summary>
    public IReadOnlyList<long> TemplateKeys { get; }

    private readonly long[] _sentTicks;

    /// <summary>When the fact at <paramref name="index"/> was sent, as UTC ticks.</summary>
    public long SentTicks(int index) => _sentTicks[index];

    /// <summary>
    /// The positions of the facts a filter selects, in send order: the in-memory twin of
    /// <see cref="ProposalFilter.Apply"/> (visibility, lane, person, template, period), tested to
    /// select the same proposals. The period is two binary searches; the other filters compare codes.
    /// </summary>
    public Selection Select(ProposalFilter filter, ClaimsPrincipal user, DateTimeOffset now)
    {
        const int Any = -1, Nothing = -2;
        var me = ProposalAccess.ReadsAll(user) ? Any : Code(PersonIds, ProposalAccess.UserId(user) ?? "");
        var lane = string.IsNullOrEmpty(filter.Lane) ? Any : Code(LaneIds, filter.Lane);
        var person = string.IsNullOrEmpty(filter.Person) ? Any : Code(PersonIds, filter.Person);
        var template = filter.Template == ProposalFilter.NoTemplate ? Code(TemplateKeys, 0)
            : long.TryParse(filter.Template, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var t)
                ? Code(TemplateKeys, t) : Any;
        var (start, end) = filter.Range(now);
        var from = start is { } s ? FirstAtOrAfter(s.UtcTicks) : 0;
        var to = end is { } e ? FirstAtOrAfter(e.UtcTicks) : _sentTicks.Length;
        var selected = new Selection(Math.Max(0, to - from));
        if (me == Nothing || lane == Nothing || person == Nothing || template == Nothing) return selected;
        for (var i = from; i < to; i++)
        {
            ref readonly var c = ref Codes[i];
            if ((me == Any || c.Person == me) && (lane == Any || c.Lane == lane) && (person == Any || c.Person == person) && (template == Any || c.Template == template))
            {
                selected.Add(i);
            }
        }
        return selected;

        static int Code<T>(IReadOnlyList<T> values, T value)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (EqualityComparer<T>.Default.Equals(values[i], value)) return i;
            }
            return Nothing;
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, object> _remembered = new();

    /// <summary>
    /// A value worked out from this table, kept with it: the table never changes, so the value holds
    /// until the next refresh replaces the table. At most a few hundred are kept.
    /// </summary>
    public T Remember<T>(object key, Func<T> make) where T : class
    {
        if (_remembered.TryGetValue(key, out var known) && known is T value) return value;
        value = make();
        if (_remembered.Count >= 256) _remembered.Clear();
        _remembered[key] = value;
        return value;
    }

    private int FirstAtOrAfter(long ticks)
    {
        var i = Array.BinarySearch(_sentTicks, ticks);
        if (i < 0) return ~i;
        while (i > 0 && _sentTicks[i - 1] == ticks) i--; // equal send times: the first of them
        return i;
    }

    private static byte Band(string[] bands, string band) => (byte)Array.IndexOf(bands, band);

    /// <summary>Gives each distinct value a small number, in order of first sight.</summary>
    private sealed class Numbering<T> where T : notnull
    {
        private readonly Dictionary<T, int> _codes = [];

        public List<T> Values { get; } = [];

        public int Of(T value)
        {
            if (_codes.TryGetValue(value, out var code)) return code;
            _codes[value] = Values.Count;
            Values.Add(value);
            return Values.Count - 1;
        }
    }
}

/// <summary>
/// The positions of the facts a filter selected, in send order, in a pooled buffer (a report
/// selects tens of thousands; a fresh array each time would keep the collector busy under load).
/// Dispose it to give the buffer back.
/// </summary>
public sealed class Selection(int capacity) : IDisposable
{
    private int[]? _buffer = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(1, capacity));

    public int Count { get; private set; }

    public ReadOnlySpan<int> Positions => (_buffer ?? throw new ObjectDisposedException(nameof(Selection))).AsSpan(0, Count);

    internal void Add(int position) => _buffer![Count++] = position;

    public void Dispose()
    {
        if (_buffer is { } buffer) System.Buffers.ArrayPool<int>.Shared.Return(buffer);
        _buffer = null;
    }
}
