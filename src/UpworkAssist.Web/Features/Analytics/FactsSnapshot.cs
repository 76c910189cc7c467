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
/// About 150 bytes per proposal (15 MB at 100,000).
/// </summary>
public sealed class FactsSnapshot : IDisposable
{
    private sealed record State(long? MaxId, DateTimeOffset? MaxUpdated, ProposalFact[] Facts);

    private volatile State? _state;
    private readonly SemaphoreSlim _refresh = new(1, 1);

    /// <summary>How many reads of the store the snapshot made (a full load counts one): for tests.</summary>
    public int Reads { get; private set; }

    public async Task<IReadOnlyList<ProposalFact>> GetAsync(AppDbContext db, CancellationToken ct)
    {
        var (maxId, maxUpdated) = await VersionAsync(db, ct);
        if (_state is { } s && s.MaxId == maxId && s.MaxUpdated == maxUpdated) return s.Facts;
        await _refresh.WaitAsync(ct);
        try
        {
            (maxId, maxUpdated) = await VersionAsync(db, ct);
            var state = _state;
            if (state is not null && state.MaxId == maxId && state.MaxUpdated == maxUpdated) return state.Facts;
            var proposals = db.Proposals.AsNoTracking();
            if (state is not null)
            {
                var (lastId, lastUpdated) = (state.MaxId ?? 0, state.MaxUpdated ?? DateTimeOffset.MinValue);
                proposals = proposals.Where(p => p.Id > lastId || p.UpdatedAt >= lastUpdated);
            }
            var changed = await AnalyticsReport.Facts(db, proposals).ToListAsync(ct);
            Reads++;
            _state = new State(maxId, maxUpdated, state is null ? [.. changed] : Merge(state.Facts, changed));
            return _state.Facts;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private static async Task<(long?, DateTimeOffset?)> VersionAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Proposals.MaxAsync(p => (long?)p.Id, ct),
         await db.Proposals.OrderByDescending(p => p.UpdatedAt).Select(p => (DateTimeOffset?)p.UpdatedAt).FirstOrDefaultAsync(ct));

    private static ProposalFact[] Merge(ProposalFact[] facts, List<ProposalFact> changed)
    {
        var byId = changed.ToDictionary(f => f.Id);
        var merged = new List<ProposalFact>(facts.Length + changed.Count);
        foreach (var f in facts) merged.Add(byId.Remove(f.Id, out var now) ? now : f);
        merged.AddRange(byId.Values);
        return [.. merged];
    }

    /// <summary>
    /// The in-memory twin of <see cref="ProposalFilter.Apply"/> (visibility, lane, person,
    /// template, period): the analytics tests check the two give the same rates.
    /// </summary>
    public static Func<ProposalFact, bool> Where(ProposalFilter filter, ClaimsPrincipal user, DateTimeOffset now)
    {
        var me = ProposalAccess.ReadsAll(user) ? null : ProposalAccess.UserId(user) ?? "";
        var lane = string.IsNullOrEmpty(filter.Lane) ? null : filter.Lane;
        var person = string.IsNullOrEmpty(filter.Person) ? null : filter.Person;
        var noTemplate = filter.Template == ProposalFilter.NoTemplate;
        long? template = !noTemplate && long.TryParse(filter.Template, System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : null;
        var (start, end) = filter.Range(now);
        return f => (me is null || f.FreelancerId == me)
            && (lane is null || f.LaneId == lane)
            && (person is null || f.FreelancerId == person)
            && (!noTemplate || f.TemplateId is null)
            && (template is null || f.TemplateId == template)
            && (start is not { } s || f.SentAt >= s)
            && (end is not { } e || f.SentAt < e);
    }
}
