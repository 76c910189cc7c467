using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Analytics;

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
            Codes[i] = new GroupCodes(
                lanes.Of(f.LaneId ?? ""),
                people.Of(f.FreelancerId),
                templates.Of(ProposalMetrics.TemplateKey(f)),
                ProposalMetrics.WeekOf(f.SentAt).DayNumber,
                Band(ProposalMetrics.BudgetTiers, ProposalMetrics.BudgetTier(f)),
                Band(ProposalMetrics.PostAges, ProposalMetrics.PostAge(f)),
                Band(ProposalMetrics.ApplicantBands, ProposalMetrics.Applicants(f)),
                Band(ProposalMetrics.EditBands, ProposalMetrics.EditBand(f))
            );
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
        const int Any = -1,
            Nothing = -2;
        var me = ProposalAccess.ReadsAll(user) ? Any : Code(PersonIds, ProposalAccess.UserId(user) ?? "");
        var lane = string.IsNullOrEmpty(filter.Lane) ? Any : Code(LaneIds, filter.Lane);
        var person = string.IsNullOrEmpty(filter.Person) ? Any : Code(PersonIds, filter.Person);
        var template =
            filter.Template == ProposalFilter.NoTemplate ? Code(TemplateKeys, 0)
            : long.TryParse(
                filter.Template,
                System.Globalization.NumberStyles.Integer,
                System.Globalization.CultureInfo.InvariantCulture,
                out var t
            )
                ? Code(TemplateKeys, t)
            : Any;
        var (start, end) = filter.Range(now);
        var from = start is { } s ? FirstAtOrAfter(s.UtcTicks) : 0;
        var to = end is { } e ? FirstAtOrAfter(e.UtcTicks) : _sentTicks.Length;
        var selected = new Selection(Math.Max(0, to - from));
        if (me == Nothing || lane == Nothing || person == Nothing || template == Nothing)
            return selected;
        for (var i = from; i < to; i++)
        {
            ref readonly var c = ref Codes[i];
            if (
                (me == Any || c.Person == me)
                && (lane == Any || c.Lane == lane)
                && (person == Any || c.Person == person)
                && (template == Any || c.Template == template)
            )
            {
                selected.Add(i);
            }
        }
        return selected;

        static int Code<T>(IReadOnlyList<T> values, T value)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (EqualityComparer<T>.Default.Equals(values[i], value))
                    return i;
            }
            return Nothing;
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, object> _remembered = new();

    /// <summary>
    /// A value worked out from this table, kept with it: the table never changes, so the value holds
    /// until the next refresh replaces the table. At most a few hundred are kept.
    /// </summary>
    public T Remember<T>(object key, Func<T> make)
        where T : class
    {
        if (_remembered.TryGetValue(key, out var known) && known is T value)
            return value;
        value = make();
        if (_remembered.Count >= 256)
            _remembered.Clear();
        _remembered[key] = value;
        return value;
    }

    private int FirstAtOrAfter(long ticks)
    {
        var i = Array.BinarySearch(_sentTicks, ticks);
        if (i < 0)
            return ~i;
        while (i > 0 && _sentTicks[i - 1] == ticks)
            i--; // equal send times: the first of them
        return i;
    }

    private static byte Band(string[] bands, string band) => (byte)Array.IndexOf(bands, band);

    /// <summary>Gives each distinct value a small number, in order of first sight.</summary>
    private sealed class Numbering<T>
        where T : notnull
    {
        private readonly Dictionary<T, int> _codes = [];

        public List<T> Values { get; } = [];

        public int Of(T value)
        {
            if (_codes.TryGetValue(value, out var code))
                return code;
            _codes[value] = Values.Count;
            Values.Add(value);
            return Values.Count - 1;
        }
    }
}
