using Microsoft.EntityFrameworkCore;
using UpworkAssist.Core.Rules;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>
/// Runs postings through every enabled lane and keeps the Match rows in step: a new match is
/// added with its evidence; a match that no longer holds is removed only while nobody has
/// acted on it (triaged matches are the team's records).
/// </summary>
public sealed class LaneMatcher(
    AppDbContext db,
    CompiledLanes compiled,
    IEnumerable<INewMatchPlanner> planners,
    TimeProvider clock,
    ILogger<LaneMatcher> logger
)
{
    public sealed record Outcome(int Evaluated, int Added, int Removed);

    /// <summary>
    /// Evaluates postings just stored (new or changed on ingest), as handed over: they are not read again.
    /// </summary>
    public Task<Outcome> MatchAsync(IReadOnlyList<Posting> postings, CancellationToken ct) =>
        EvaluateAsync(postings, ct);

    /// <summary>Re-evaluates every posting still in retention, after lanes change.</summary>
    public async Task<Outcome> RematchAllAsync(CancellationToken ct)
    {
        var postings = await db.Postings.Where(p => p.ContentPurgedAt == null).ToListAsync(ct);
        return await EvaluateAsync(postings, ct);
    }

    private async Task<Outcome> EvaluateAsync(IReadOnlyList<Posting> postings, CancellationToken ct)
    {
        var rows = await db.Lanes.AsNoTracking().Where(l => l.Enabled).OrderBy(l => l.Id).ToListAsync(ct);
        var set = compiled.For(rows);
        var ids = postings.Select(p => p.Id).ToList();
        var existing = (await db.Matches.Where(m => ids.Contains(m.PostingId)).ToListAsync(ct)).ToDictionary(m =>
            (m.PostingId, m.LaneId)
        );
        foreach (var planner in planners)
            await planner.PrepareAsync(ct);
        var now = clock.GetUtcNow();
        int added = 0,
            removed = 0;
        foreach (var posting in postings)
        {
            foreach (var decision in set.Evaluate(LaneRules.ToJob(posting), now))
            {
                existing.TryGetValue((posting.Id, decision.LaneId), out var match);
                if (decision.Matched && match is null)
                {
                    match = new Match
                    {
                        PostingId = posting.Id,
                        LaneId = decision.LaneId,
                        MatchedAt = now,
                        Score = decision.Score ?? 0,
                        MatchedKeywords = [.. decision.MatchedKeywords],
                    };
                    db.Matches.Add(match);
                    // What the planners add (Routing's outbox rows) commits with the match in the SaveChanges below.
                    foreach (var planner in planners)
                        planner.Plan(match, posting);
                    added++;
                }
                else if (!decision.Matched && match is { Status: MatchStatus.New })
                {
                    db.Matches.Remove(match);
                    removed++;
                }
            }
        }
        // Matches of lanes that were disabled or deleted go the same way, unless triaged.
        var enabled = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in existing.Values.Where(m => !enabled.Contains(m.LaneId) && m.Status == MatchStatus.New))
        {
            db.Matches.Remove(stale);
            removed++;
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation(
            "Matched {Postings} postings against {Lanes} lanes: {Added} new matches, {Removed} withdrawn",
            postings.Count,
            rows.Count,
            added,
            removed
        );
        return new Outcome(postings.Count, added, removed);
    }
}

/// <summary>
/// Told of each match the matcher adds, before it saves: whatever a planner adds to the shared
/// DbContext commits in the same transaction as the match. Routing plans its outbox this way,
/// so Lanes does not know where matches go.
/// </summary>
public interface INewMatchPlanner
{
    /// <summary>Called once per matching run, before the first <see cref="Plan"/>.</summary>
    Task PrepareAsync(CancellationToken ct);

    void Plan(Match match, Posting posting);
}
