using System.Buffers;
using System.Runtime.InteropServices;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>Which medians a count works out (each costs a selection over every group's samples).</summary>
[Flags]
public enum Medians
{
    None = 0,
    HoursToReply = 1,
    MinutesToSend = 2,
    Applicants = 4,
    All = HoursToReply | MinutesToSend | Applicants,
}

/// <summary>Writes, for one fact, its group in each dimension (-1: the fact is in none of that dimension's groups).</summary>
public delegate void GroupsOf(int fact, Span<int> groups);

/// <summary>
/// Counts the funnels of many breakdowns ("dimensions") of the same facts at once, without an
/// allocation per group: every group of every dimension gets a number, a first pass counts each
/// group and how many samples it has for each median, and a second pass writes the samples into
/// one pooled buffer per measure, each group's samples side by side, where their medians are found
/// by selection. Under load this matters: growing a sample list per group per report was most of
/// a report's cost (docs/performance.md "Analytics page").
/// </summary>
public static class FunnelCounter
{
    /// <summary>
    /// The funnel of each group of each dimension (<paramref name="sizes"/>: groups per dimension),
    /// null for a group no fact fell in. Only the <paramref name="medians"/> asked for are worked
    /// out; the others are null.
    /// </summary>
    public static Funnel?[][] Count(FactTable table, List<int> selected, int[] sizes, GroupsOf groupsOf, Medians medians)
    {
        var facts = CollectionsMarshal.AsSpan(selected);
        var dimensions = sizes.Length;
        var first = new int[dimensions + 1];
        for (var d = 0; d < dimensions; d++) first[d + 1] = first[d] + sizes[d];
        var groups = first[dimensions];
        var (sent, replied, shortlisted, won, connects) = (new int[groups], new int[groups], new int[groups], new int[groups], new int[groups]);
        var revenue = new decimal[groups];
        var (toReply, toSend, applicants) = (new int[groups], new int[groups], new int[groups]);
        var of = ArrayPool<int>.Shared.Rent(Math.Max(1, facts.Length * dimensions));
        try
        {
            Span<int> local = stackalloc int[dimensions];
            for (var n = 0; n < facts.Length; n++)
            {
                groupsOf(facts[n], local);
                ref readonly var m = ref table.Measures[facts[n]];
                for (var d = 0; d < dimensions; d++)
                {
                    var g = local[d] < 0 ? -1 : first[d] + local[d];
                    of[n * dimensions + d] = g;
                    if (g < 0) continue;
                    sent[g]++;
                    if (m.Replied) replied[g]++;
                    if (m.Shortlisted) shortlisted[g]++;
                    if (m.Won) won[g]++;
                    if (m.Revenue != 0) revenue[g] += m.Revenue;
                    connects[g] += m.Connects;
                    if (m.Replied) toReply[g]++;
                    if (!double.IsNaN(m.MinutesToSend)) toSend[g]++;
                    if (!double.IsNaN(m.Applicants)) applicants[g]++;
                }
            }
            using var reply = medians.HasFlag(Medians.HoursToReply) ? new Samples(toReply) : null;
            using var send = medians.HasFlag(Medians.MinutesToSend) ? new Samples(toSend) : null;
            using var applicant = medians.HasFlag(Medians.Applicants) ? new Samples(applicants) : null;
            if (medians != Medians.None)
            {
                for (var n = 0; n < facts.Length; n++)
                {
                    ref readonly var m = ref table.Measures[facts[n]];
                    for (var d = 0; d < dimensions; d++)
                    {
                        var g = of[n * dimensions + d];
                        if (g < 0) continue;
                        if (m.Replied) reply?.Add(g, m.HoursToReply);
                        if (!double.IsNaN(m.MinutesToSend)) send?.Add(g, m.MinutesToSend);
                        if (!double.IsNaN(m.Applicants)) applicant?.Add(g, m.Applicants);
                    }
                }
            }
            var funnels = new Funnel?[dimensions][];
            for (var d = 0; d < dimensions; d++)
            {
                funnels[d] = new Funnel?[sizes[d]];
                for (var g = first[d]; g < first[d + 1]; g++)
                {
                    if (sent[g] == 0) continue;
                    funnels[d][g - first[d]] = new Funnel(sent[g], replied[g], shortlisted[g], won[g], revenue[g], connects[g],
                        reply?.Median(g), send?.Median(g), applicant?.Median(g));
                }
            }
            return funnels;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(of);
        }
    }

    /// <summary>One measure's samples for every group, in one pooled buffer: group g's lie at [start[g], start[g] + count[g]).</summary>
    private sealed class Samples : IDisposable
    {
        private readonly int[] _start, _count, _next;
        private readonly double[] _values;

        public Samples(int[] count)
        {
            (_count, _start, _next) = (count, new int[count.Length], new int[count.Length]);
            var total = 0;
            for (var g = 0; g < count.Length; g++)
            {
                _start[g] = _next[g] = total;
                total += count[g];
            }
            _values = ArrayPool<double>.Shared.Rent(Math.Max(1, total));
        }

        public void Add(int group, double value) => _values[_next[group]++] = value;

        public double? Median(int group) => ProposalMetrics.Median(_values.AsSpan(_start[group], _count[group]));

        public void Dispose() => ArrayPool<double>.Shared.Return(_values);
    }
}
