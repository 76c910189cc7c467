using System.Buffers;

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

/// <summary>
/// Writes, for one fact, its group in each dimension (-1: the fact is in none of that dimension's groups).
/// </summary>
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
    public static Funnel?[][] Count(
        FactTable table,
        ReadOnlySpan<int> facts,
        int[] sizes,
        GroupsOf groupsOf,
        Medians medians
    )
    {
        var dimensions = sizes.Length;
        var first = new int[dimensions + 1];
        for (var d = 0; d < dimensions; d++)
            first[d + 1] = first[d] + sizes[d];
        var counters = new Counter[first[dimensions]];
        var of = ArrayPool<int>.Shared.Rent(Math.Max(1, facts.Length * dimensions));
        Samples? reply = null,
            send = null,
            applicants = null;
        try
        {
            CountGroups(table.Measures, facts, groupsOf, first, counters, of);
            if (medians.HasFlag(Medians.HoursToReply))
                reply = new Samples(counters, static c => c.Replied);
            if (medians.HasFlag(Medians.MinutesToSend))
                send = new Samples(counters, static c => c.ToSend);
            if (medians.HasFlag(Medians.Applicants))
                applicants = new Samples(counters, static c => c.Applicants);
            if (medians != Medians.None)
                WriteSamples(table.Measures, facts, dimensions, of, reply, send, applicants);
            var funnels = new Funnel?[dimensions][];
            for (var d = 0; d < dimensions; d++)
            {
                funnels[d] = new Funnel?[sizes[d]];
                for (var g = first[d]; g < first[d + 1]; g++)
                {
                    ref readonly var c = ref counters[g];
                    if (c.Sent == 0)
                        continue;
                    funnels[d][g - first[d]] = new Funnel(
                        c.Sent,
                        c.Replied,
                        c.Shortlisted,
                        c.Won,
                        c.Revenue,
                        c.Connects,
                        reply?.Median(g),
                        send?.Median(g),
                        applicants?.Median(g)
                    );
                }
            }
            return funnels;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(of);
            reply?.Dispose();
            send?.Dispose();
            applicants?.Dispose();
        }
    }

    /// <summary>A group's counts and sums, and how many samples it has of each median's measure.</summary>
    private struct Counter
    {
        public int Sent,
            Replied,
            Shortlisted,
            Won,
            Connects,
            ToSend,
            Applicants;
        public decimal Revenue;
    }

    // The hot loops live in methods of their own, outside the try/finally, so the JIT keeps their locals in registers.
    private static void CountGroups(
        Measures[] measures,
        ReadOnlySpan<int> facts,
        GroupsOf groupsOf,
        int[] first,
        Counter[] counters,
        int[] of
    )
    {
        var dimensions = first.Length - 1;
        Span<int> local = stackalloc int[dimensions];
        for (var n = 0; n < facts.Length; n++)
        {
            groupsOf(facts[n], local);
            ref readonly var m = ref measures[facts[n]];
            for (var d = 0; d < dimensions; d++)
            {
                var g = local[d] < 0 ? -1 : first[d] + local[d];
                of[n * dimensions + d] = g;
                if (g < 0)
                    continue;
                ref var c = ref counters[g];
                c.Sent++;
                c.Connects += m.Connects;
                if (m.Replied)
                    c.Replied++;
                if (m.Shortlisted)
                    c.Shortlisted++;
                if (m.Won)
                    c.Won++;
                if (m.Earned)
                    c.Revenue += m.Revenue;
                if (!double.IsNaN(m.MinutesToSend))
                    c.ToSend++;
                if (!double.IsNaN(m.Applicants))
                    c.Applicants++;
            }
        }
    }

    private static void WriteSamples(
        Measures[] measures,
        ReadOnlySpan<int> facts,
        int dimensions,
        int[] of,
        Samples? reply,
        Samples? send,
        Samples? applicants
    )
    {
        for (var n = 0; n < facts.Length; n++)
        {
            ref readonly var m = ref measures[facts[n]];
            for (var d = 0; d < dimensions; d++)
            {
                var g = of[n * dimensions + d];
                if (g < 0)
                    continue;
                if (m.Replied)
                    reply?.Add(g, m.HoursToReply);
                if (!double.IsNaN(m.MinutesToSend))
                    send?.Add(g, m.MinutesToSend);
                if (!double.IsNaN(m.Applicants))
                    applicants?.Add(g, m.Applicants);
            }
        }
    }

    /// <summary>
    /// One measure's samples for every group, in one pooled buffer: group g's lie at [start[g], start[g] + count[g]).
    /// </summary>
    private sealed class Samples : IDisposable
    {
        private readonly int[] _start,
            _next;
        private readonly double[] _values;

        public Samples(Counter[] counters, Func<Counter, int> count)
        {
            (_start, _next) = (new int[counters.Length + 1], new int[counters.Length]);
            for (var g = 0; g < counters.Length; g++)
            {
                _next[g] = _start[g];
                _start[g + 1] = _start[g] + count(counters[g]);
            }
            _values = ArrayPool<double>.Shared.Rent(Math.Max(1, _start[^1]));
        }

        public void Add(int group, double value) => _values[_next[group]++] = value;

        public double? Median(int group) =>
            ProposalMetrics.Median(_values.AsSpan(_start[group], _start[group + 1] - _start[group]));

        public void Dispose() => ArrayPool<double>.Shared.Return(_values);
    }
}
