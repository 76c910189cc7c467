using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Core.Rules;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>
/// One job in full: the description as safe plain text, every enabled lane's decision with its
/// evidence, the team's matches and records, and the history of what people did with it. A posting
/// whose content expired under the 24-hour rule still shows its link and the team's records.
/// </summary>
public sealed class JobModel(
    AppDbContext db,
    QueueQuery queue,
    Triage triage,
    CompiledLanes compiled,
    TimeProvider clock
) : PageModel
{
    public sealed record LaneDecision(string LaneId, string LaneName, Decision Decision);

    public sealed record DraftLine(long Id, string Freelancer, DraftStatus Status, DateTimeOffset UpdatedAt);

    public sealed record ProposalLine(long Id, string Freelancer, ProposalStage Stage, DateTimeOffset SentAt);

    public Posting Posting { get; private set; } = null!;
    public QueueRowsView Matches { get; private set; } = new([], false, default);
    public IReadOnlyList<LaneDecision> Decisions { get; private set; } = [];
    public IReadOnlyList<AuditEvent> History { get; private set; } = [];
    public IReadOnlyList<DraftLine> Drafts { get; private set; } = [];
    public IReadOnlyList<ProposalLine> Proposals { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Outcome { get; set; }
    public bool Expired => Posting.ContentPurgedAt is not null;
    public bool CanTriage => Policies.RolesFor[Policies.Triage].Any(User.IsInRole);
    public bool CanDraft => Policies.RolesFor[Policies.Drafting].Any(User.IsInRole);

    public async Task<IActionResult> OnGetAsync(string postingId, CancellationToken ct)
    {
        var posting = await db.Postings.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postingId, ct);
        if (posting is null)
            return NotFound();
        // A freelancer reads only the jobs assigned to them; a draft of theirs unlocks nothing.
        if (!await JobAccess.CanReadAsync(db, postingId, User, ct))
        {
            return Forbid();
        }
        var rows = await queue.RowsForPostingAsync(postingId, ct);
        Posting = posting;
        Now = clock.GetUtcNow();
        Matches = new QueueRowsView(rows, CanTriage, Now)
        {
            InlineChoices = CanTriage ? await triage.AssigneesAsync(ct) : null,
        };
        if (!Expired)
        {
            var lanes = await db.Lanes.AsNoTracking().Where(l => l.Enabled).OrderBy(l => l.Id).ToListAsync(ct);
            var names = lanes.ToDictionary(l => l.Id, l => l.Name);
            Decisions = compiled
                .For(lanes)
                .Evaluate(LaneRules.ToJob(posting), Now)
                .Select(d => new LaneDecision(d.LaneId, names[d.LaneId], d))
                .OrderByDescending(d => d.Decision.Matched)
                .ThenBy(d => d.LaneName)
                .ToList();
        }
        var subjects = rows.Select(m => m.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        History = await db
            .AuditEvents.AsNoTracking()
            .Where(a => a.SubjectType == "match" && a.SubjectId != null && subjects.Contains(a.SubjectId))
            .OrderByDescending(a => a.At)
            .ThenByDescending(a => a.Id)
            .Take(100)
            .ToListAsync(ct);
        Drafts = await db
            .Drafts.AsNoTracking()
            .Where(d => d.PostingId == postingId)
            .Join(
                db.Users,
                d => d.FreelancerId,
                u => u.Id,
                (d, u) => new DraftLine(d.Id, u.DisplayName, d.Status, d.UpdatedAt)
            )
            .ToListAsync(ct);
        Proposals = await db
            .Proposals.AsNoTracking()
            .Where(p => p.PostingId == postingId)
            .Join(
                db.Users,
                p => p.FreelancerId,
                u => u.Id,
                (p, u) => new ProposalLine(p.Id, u.DisplayName, p.Stage, p.SentAt)
            )
            .ToListAsync(ct);
        return Page();
    }
}
