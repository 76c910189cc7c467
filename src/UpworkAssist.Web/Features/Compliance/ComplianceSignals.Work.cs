using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Routing;

namespace UpworkAssist.Web.Features.Compliance;

// The signals about the team's own work: pace, unedited sends, alerts, the inventory and the review.
public sealed partial class ComplianceSignals
{
    private async Task<(Signal, IReadOnlyList<PersonPace>)> PaceAsync(
        DateTimeOffset now,
        ComplianceOptions o,
        CancellationToken ct
    )
    {
        var cap = drafting.CurrentValue.DailyProposalCap;
        var dayAgo = now.AddDays(-1);
        var counts = await db
            .Proposals.AsNoTracking()
            .Where(p => p.SentAt > dayAgo)
            .GroupBy(p => p.FreelancerId)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var ids = counts.Select(c => c.Id).ToList();
        var names = await db
            .Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Verdict Judge(int n) =>
            n > cap ? Verdict.Red
            : 100.0 * n / cap >= o.PaceAmberPercent ? Verdict.Amber
            : Verdict.Green;
        var people = counts
            .OrderByDescending(c => c.Count)
            .Select(c => new PersonPace(
                c.Id,
                names.GetValueOrDefault(c.Id) ?? "(deleted user)",
                c.Count,
                Judge(c.Count)
            ))
            .ToList();
        var busiest = people.FirstOrDefault();
        var verdict = busiest is null ? Verdict.Green : busiest.Verdict;
        // Proposals the sync found from senders not yet mapped count for nobody; say so rather than hide them.
        var unmapped = await db
            .MarketplaceProposals.AsNoTracking()
            .CountAsync(m => m.ProposalId == null && m.CreatedAt > dayAgo, ct);
        var signal = new Signal(
            "pace",
            "Proposals per person per day",
            (
                busiest is null
                    ? $"none in the last 24 hours (cap {cap})"
                    : $"busiest: {busiest.Name}, {busiest.Proposals} of {cap} in the last 24 hours"
            ) + (unmapped > 0 ? $"; {unmapped} more on the marketplace from senders not mapped to a member" : ""),
            $"per person: green below {o.PaceAmberPercent} % of the pace cap (Drafts:DailyProposalCap); amber from "
                + $"{o.PaceAmberPercent} % up to the cap; red above it",
            verdict,
            verdict switch
            {
                Verdict.Green => "Everyone sends at a pace a person can write by hand.",
                Verdict.Amber =>
                    "Someone is close to the pace cap: check that each proposal is still written for its job.",
                _ => "Someone sent more proposals than a person could realistically write in a day.",
            }
        );
        return (signal, people);
    }

    private async Task<Signal> UneditedAsync(DateTimeOffset now, ComplianceOptions o, CancellationToken ct)
    {
        // Only proposals drafted here could have been edited here.
        var sent = (await SentProposals.LoadAsync(db, now.AddDays(-7), now, ct)).Where(p => !p.Outside).ToList();
        var unedited = sent.Count(p => p.Unedited);
        var share = sent.Count == 0 ? 0 : 100.0 * unedited / sent.Count;
        var verdict =
            share >= o.UneditedRedPercent ? Verdict.Red
            : share >= o.UneditedAmberPercent ? Verdict.Amber
            : Verdict.Green;
        return new Signal(
            "unedited",
            "Drafts sent without edits",
            $"{unedited} of {sent.Count} proposals in the last 7 days "
                + $"({share.ToString("0.#", CultureInfo.InvariantCulture)} %)",
            $"green: below {Pct(o.UneditedAmberPercent)}; amber: from {Pct(o.UneditedAmberPercent)}; red: from "
                + $"{Pct(o.UneditedRedPercent)}",
            verdict,
            verdict switch
            {
                Verdict.Green => sent.Count == 0
                    ? "No proposals sent in the last 7 days."
                    : "People edit their drafts before sending: a human writes each proposal.",
                Verdict.Amber =>
                    "Many drafts go out exactly as generated: make sure each one is read and made specific.",
                _ => "Most proposals go out exactly as generated: that looks like automated bidding, not a person "
                    + "writing.",
            }
        );
    }

    private async Task<Signal> AlertsAsync(DateTimeOffset now, ComplianceOptions o, CancellationToken ct)
    {
        var dayAgo = now.AddDays(-1);
        var alerts = db.Alerts.AsNoTracking();
        var delivered = await alerts.CountAsync(a => a.Status == AlertStatus.Delivered && a.DeliveredAt > dayAgo, ct);
        var failed = await alerts.CountAsync(
            a => (a.Status == AlertStatus.Failed || a.Status == AlertStatus.Paused) && a.CreatedAt > dayAgo,
            ct
        );
        var finished = delivered + failed;
        var share = finished == 0 ? 0 : 100.0 * failed / finished;
        var verdict =
            failed == 0 ? Verdict.Green
            : share >= o.AlertFailureRedPercent ? Verdict.Red
            : Verdict.Amber;
        return new Signal(
            "alerts",
            "Alerts delivered",
            $"{delivered} delivered, {failed} failed or held by a paused route in the last day",
            $"green: none failed; amber: some failed; red: {Pct(o.AlertFailureRedPercent)} or more failed",
            verdict,
            verdict switch
            {
                Verdict.Green => delivered == 0
                    ? "No alerts were due in the last day."
                    : "Matches reach people through alerts, so nobody needs to refresh the marketplace by hand or "
                        + "by script.",
                Verdict.Amber => "Some alerts did not arrive: check the lanes' routes.",
                _ => "Most alerts fail: people may fall back to refreshing the marketplace all day; fix the routes.",
            }
        );
    }

    private async Task<IEnumerable<Signal>> InventoryAsync(CancellationToken ct)
    {
        var tools = await db.AutomationTools.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var active = tools.Where(t => t.Decision != ToolDecision.Disable).ToList();
        var risky = active.Where(t => ToolAssessment.Assess(t).Risky).ToList();
        var kept = risky.Where(t => t.Decision is ToolDecision.Keep or ToolDecision.Undecided).ToList();
        var login = risky.Where(t => t.LogsInAsYou).Select(t => t.Name).ToList();
        var riskyVerdict =
            kept.Count > 0 ? Verdict.Red
            : risky.Count > 0 ? Verdict.Amber
            : Verdict.Green;
        var riskySignal = new Signal(
            "risky-tools",
            "Risky tools in use",
            $"risky: {risky.Count}; in use (not disabled): "
                + $"{active.Count}{(login.Count > 0 ? "; needs your login: " + string.Join(", ", login) : "")}",
            "green: no risky tool left enabled; amber: risky tools being replaced; red: a risky tool kept or undecided",
            riskyVerdict,
            riskyVerdict switch
            {
                Verdict.Green => "Every tool still in use answered the questionnaire as safe.",
                Verdict.Amber => "Risky tools are marked for replacement: finish replacing them.",
                _ => "Risky tools are still in use: " + string.Join(", ", kept.Select(t => t.Name)) + ". Disable them.",
            }
        );

        var unknown = tools
            .Where(t => string.IsNullOrWhiteSpace(t.Owner) || t.Decision == ToolDecision.Undecided)
            .Select(t => t.Name)
            .ToList();
        var knownVerdict = unknown.Count > 0 ? Verdict.Amber : Verdict.Green;
        var knownSignal = new Signal(
            "inventory",
            "Automation inventory",
            $"listed: {tools.Count}; without an owner or a decision: {unknown.Count}",
            "green: every tool has an owner and a decision; amber: some do not",
            knownVerdict,
            knownVerdict == Verdict.Green
                ? "Every tool the team uses is listed with an owner and a decision."
                : "Nobody answers for: " + string.Join(", ", unknown) + ". Give each an owner and a decision."
        );
        return [riskySignal, knownSignal];
    }

    private async Task<Signal> ReviewAsync(DateTimeOffset now, ComplianceOptions o, CancellationToken ct)
    {
        var quarter = Quarters.Of(now);
        var review = await db.ComplianceReviews.AsNoTracking().SingleOrDefaultAsync(r => r.Quarter == quarter, ct);
        var thresholds =
            $"green: this quarter's review is done; amber: it is open; red: open for {o.ReviewGrace.TotalDays:0} "
            + $"days or more";
        if (review?.CompletedAt is { } done)
        {
            return new Signal(
                "review",
                "Quarterly review",
                $"{quarter} completed {done.UtcDateTime:yyyy-MM-dd} by {review.CompletedByName}",
                thresholds,
                Verdict.Green,
                "The team checked its tools against the marketplace's rules this quarter."
            );
        }
        var openedAt = review?.OpenedAt ?? now;
        var age = now - openedAt;
        var verdict = age >= o.ReviewGrace ? Verdict.Red : Verdict.Amber;
        return new Signal(
            "review",
            "Quarterly review",
            review is null
                ? $"{quarter} not opened yet"
                : $"{quarter} open since {openedAt.UtcDateTime:yyyy-MM-dd} ({(int)age.TotalDays} days)",
            thresholds,
            verdict,
            verdict == Verdict.Amber
                ? "This quarter's review is due: walk the inventory and the rules with the team."
                : "The quarterly review is overdue."
        );
    }

    private static string Pct(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
