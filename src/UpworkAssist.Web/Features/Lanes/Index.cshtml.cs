using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>Every lane with its match counts; everyone reads, Admins and Leads change them.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock, IEnumerable<ILaneNotices> notices) : PageModel
{
    public sealed record LaneSummary(
        string Id,
        string Name,
        bool Enabled,
        int MatchesToday,
        int MatchesTotal,
        string Summary
    )
    {
        /// <summary>What other features say needs fixing on this lane (paused routes), with a link to fix it.</summary>
        public IReadOnlyList<LaneNotice> Notices { get; init; } = [];

        public LaneQuality Quality { get; init; } = LaneQuality.Empty;
    }

    /// <summary>
    /// How a lane's matches were judged in triage: kept (shortlisted or assigned) versus
    /// dismissed, with the reasons people gave. Precision is kept / (kept + dismissed).
    /// </summary>
    public sealed record LaneQuality(
        int Routed,
        int Kept,
        int Dismissed,
        IReadOnlyList<(string Reason, int Count)> Reasons
    )
    {
        public static readonly LaneQuality Empty = new(0, 0, 0, []);
        public int Judged => Kept + Dismissed;
        public double? Precision => Judged == 0 ? null : (double)Kept / Judged;
        public double KeptShare => Routed == 0 ? 0 : (double)Kept / Routed;
        public double DismissedShare => Routed == 0 ? 0 : (double)Dismissed / Routed;
    }

    public IReadOnlyList<LaneSummary> Lanes { get; private set; } = [];
    public bool CanEdit => Policies.RolesFor[Policies.LaneEditors].Any(User.IsInRole);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-1);
        var counts = await db
            .Matches.GroupBy(m => m.LaneId)
            .Select(g => new
            {
                g.Key,
                Total = g.Count(),
                Today = g.Count(m => m.MatchedAt >= since),
                Kept = g.Count(m => m.Status == MatchStatus.Shortlisted || m.Status == MatchStatus.Assigned),
                Dismissed = g.Count(m => m.Status == MatchStatus.Dismissed),
            })
            .ToDictionaryAsync(x => x.Key, ct);
        var reasons = (
            await db
                .Matches.Where(m => m.Status == MatchStatus.Dismissed)
                .GroupBy(m => new { m.LaneId, m.DismissReason })
                .Select(g => new
                {
                    g.Key.LaneId,
                    g.Key.DismissReason,
                    Count = g.Count(),
                })
                .ToListAsync(ct)
        ).ToLookup(r => r.LaneId);
        var notes = new List<LaneNotice>();
        foreach (var source in notices)
            notes.AddRange(await source.ReadAsync(ct));
        var notesByLane = notes.ToLookup(n => n.LaneId, StringComparer.Ordinal);
        Lanes = (await db.Lanes.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct))
            .Select(l =>
            {
                counts.TryGetValue(l.Id, out var c);
                return new LaneSummary(
                    l.Id,
                    l.Name,
                    l.Enabled,
                    c?.Today ?? 0,
                    c?.Total ?? 0,
                    Summarize(LaneRules.ToCore(l))
                )
                {
                    Notices = [.. notesByLane[l.Id]],
                    Quality = new LaneQuality(
                        c?.Total ?? 0,
                        c?.Kept ?? 0,
                        c?.Dismissed ?? 0,
                        reasons[l.Id]
                            .OrderByDescending(r => r.Count)
                            .Select(r => (r.DismissReason ?? "no reason given", r.Count))
                            .ToList()
                    ),
                };
            })
            .ToList();
    }

    /// <summary>All lanes as a RULES.md lanes file, for the CLI, backups or another install.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var lanes = (await db.Lanes.AsNoTracking().OrderBy(l => l.Id).ToListAsync(ct)).Select(LaneRules.ToCore);
        return File(Encoding.UTF8.GetBytes(LaneJson.Serialize(lanes)), "application/json", "lanes.json");
    }

    private static string Summarize(LaneDefinition lane)
    {
        var parts = new List<string>();
        if (lane.MinFixedBudget is { } f)
            parts.Add($"fixed ≥ ${f:0.##}");
        if (lane.MinHourlyRate is { } h)
            parts.Add($"hourly ≥ ${h:0.##}/h");
        if (lane.SkillsAny.Count > 0)
            parts.Add("skills: " + string.Join(", ", lane.SkillsAny.Take(4)) + (lane.SkillsAny.Count > 4 ? "…" : ""));
        if (lane.IncludeKeywords.Count > 0)
            parts.Add($"{lane.IncludeKeywords.Count} include keywords");
        if (lane.NegativeKeywords.Count > 0)
            parts.Add($"{lane.NegativeKeywords.Count} negative keywords");
        if (lane.RequirePaymentVerified)
            parts.Add("verified clients");
        return string.Join(" · ", parts);
    }
}

/// <summary>Something about a lane that needs its owner, said by the feature that knows it.</summary>
public sealed record LaneNotice(string LaneId, string Text, string Href);

/// <summary>
/// Lets another feature (Routing's paused routes) flag lanes on the lanes page without Lanes knowing it.
/// </summary>
public interface ILaneNotices
{
    Task<IReadOnlyList<LaneNotice>> ReadAsync(CancellationToken ct);
}
