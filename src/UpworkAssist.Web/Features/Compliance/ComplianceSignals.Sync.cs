using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Compliance;

// The signals the proposal sync makes possible: what the marketplace saw that nobody recorded, and the reverse.
public sealed partial class ComplianceSignals
{
    private async Task<Signal> OutsideAsync(DateTimeOffset now, ComplianceOptions o, CancellationToken ct)
    {
        var weekAgo = now.AddDays(-7);
        var counts = await db
            .Proposals.AsNoTracking()
            .Where(p => p.Origin == ProposalOrigin.Outside && p.SentAt > weekAgo)
            .GroupBy(p => p.FreelancerId)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var ids = counts.Select(c => c.Id).ToList();
        var names = await db
            .Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var people = counts
            .OrderByDescending(c => c.Count)
            .Select(c => $"{names.GetValueOrDefault(c.Id) ?? "(deleted user)"} {c.Count}")
            .ToList();
        var verdict = counts.Any(c => c.Count >= o.OutsideAmberPerWeek) ? Verdict.Amber : Verdict.Green;
        return new Signal(
            "outside",
            "Proposals sent outside UpworkAssist",
            people.Count == 0
                ? "none in the last 7 days"
                : "in the last 7 days, per person: " + string.Join(", ", people),
            $"per person per week: green below {o.OutsideAmberPerWeek}; amber from {o.OutsideAmberPerWeek} "
                + $"(Compliance:OutsideAmberPerWeek)",
            verdict,
            verdict == Verdict.Green
                ? "Proposals the marketplace reports were drafted and recorded here, so their pace and edits are "
                    + "visible."
                : "Some proposals went out without UpworkAssist: they count in the pace, but nobody here saw them "
                    + "written. Ask why."
        );
    }

    private async Task<Signal> NotFoundAsync(DateTimeOffset now, ComplianceOptions o, CancellationToken ct)
    {
        var settings = await db.ProposalSyncSettings.AsNoTracking().SingleOrDefaultAsync(ct);
        var hours = o.NotFoundAfter.TotalHours.ToString("0.#", Inv);
        var thresholds =
            $"green: every recorded proposal older than {hours} h was found; amber: some were not "
            + $"(Compliance:NotFoundAfter)";
        if (settings?.LastCompleteAt is not { } read)
        {
            return new Signal(
                "not-found",
                "Recorded but not on the marketplace",
                "the proposal sync has not read the marketplace yet",
                thresholds,
                Verdict.Green,
                "Turn on the proposal sync (Pipeline → Sync) to check recorded proposals against the marketplace."
            );
        }
        // Judged only against a complete read, and only for sends old enough to have been seen by it.
        var cutoff = read - o.NotFoundAfter;
        var missing = await db
            .Proposals.AsNoTracking()
            .Where(p => p.Origin == ProposalOrigin.Recorded && p.SentAt <= cutoff && p.SentAt > now.AddDays(-30))
            .Where(p => !db.MarketplaceProposals.Any(m => m.ProposalId == p.Id))
            .CountAsync(ct);
        var verdict = missing > 0 ? Verdict.Amber : Verdict.Green;
        return new Signal(
            "not-found",
            "Recorded but not on the marketplace",
            $"{missing} proposal(s) of the last 30 days recorded with \"I sent it\" but not found {hours} h later",
            thresholds,
            verdict,
            verdict == Verdict.Green
                ? "Every proposal recorded here was found on the marketplace."
                : "A recorded proposal the marketplace does not list: a typo'd job, or it was not really sent. "
                    + "Check each one."
        );
    }
}
