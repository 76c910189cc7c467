using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>
/// Every proposal's facts, held in memory and brought up to date incrementally, so a report is
/// built from memory instead of reading its whole window from the store (docs/performance.md
/// "Analytics page"). A proposal only ever changes by being recorded (a new id) or through
/// <see cref="ProposalStages"/>, which sets its <c>UpdatedAt</c> past the store's latest one, so that
/// it only grows whatever each instance's clock says (docs/adr/0007): each read first takes the data
/// version (highest id, latest <c>UpdatedAt</c>, highest stage-change id), and only when it moved
/// re-reads the proposals with a higher id or an <c>UpdatedAt</c> at or after the last one seen.
/// The version is taken before the rows, so a write in between is read now or on the next refresh.
/// Each refresh lays the facts out as a <see cref="FactTable"/>. About 530 bytes per proposal
/// (50 MB at 100,000; `analytics-profile` measures it).
/// </summary>
public sealed class FactsSnapshot : IDisposable
{
    private sealed record State(DataVersion Version, FactTable Table)
    {
        public long? MaxId => Version.MaxId;
        public DateTimeOffset? MaxUpdated => Version.Updated;
    }

    /// <summary>
    /// The proposals' data version: highest proposal id, latest proposal update, highest stage-change id.
    /// </summary>
    public sealed record DataVersion(long? MaxId, long? MaxUpdated, long? MaxChange)
    {
        public DateTimeOffset? Updated => MaxUpdated is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    /// <summary>
    /// The data version in one statement: three scalar subqueries, each answered from the end of an
    /// index (the primary keys and <c>IX_Proposals_UpdatedAt</c>), not a scan. Instants are stored as
    /// UTC ticks (AppDbContext). Quoted names, so the one text runs on SQLite and PostgreSQL.
    /// </summary>
    public static Task<DataVersion> VersionAsync(AppDbContext db, CancellationToken ct) =>
        db
            .Database.SqlQueryRaw<DataVersion>(
                """
                SELECT (SELECT MAX("Id") FROM "Proposals") AS "MaxId",
                       (SELECT MAX("UpdatedAt") FROM "Proposals") AS "MaxUpdated",
                       (SELECT MAX("Id") FROM "ProposalStageChanges") AS "MaxChange"
                """
            )
            .SingleAsync(ct);

    private volatile State? _state;
    private readonly SemaphoreSlim _refresh = new(1, 1);

    /// <summary>How many reads of the store the snapshot made (a full load counts one): for tests.</summary>
    public int Reads { get; private set; }

    /// <param name="known">The data version the caller has just read, so it is not read twice.</param>
    public async Task<FactTable> GetAsync(AppDbContext db, CancellationToken ct, DataVersion? known = null)
    {
        var version = known ?? await VersionAsync(db, ct);
        if (_state is { } s && s.Version == version)
            return s.Table;
        await _refresh.WaitAsync(ct);
        try
        {
            // Read again under the lock: another refresh may have finished meanwhile.
            version = await VersionAsync(db, ct);
            var state = _state;
            if (state is not null && state.Version == version)
                return state.Table;
            var proposals = db.Proposals.AsNoTracking();
            if (state is not null)
            {
                var (lastId, lastUpdated) = (state.MaxId ?? 0, state.MaxUpdated ?? DateTimeOffset.MinValue);
                proposals = proposals.Where(p => p.Id > lastId || p.UpdatedAt >= lastUpdated);
            }
            var changed = await AnalyticsReport.Facts(db, proposals).ToListAsync(ct);
            Reads++;
            _state = new State(
                version,
                new FactTable(state is null ? [.. changed] : Merge(state.Table.Facts, changed))
            );
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
        foreach (var f in facts)
            merged.Add(byId.Remove(f.Id, out var now) ? now : f);
        merged.AddRange(byId.Values);
        return [.. merged];
    }
}
