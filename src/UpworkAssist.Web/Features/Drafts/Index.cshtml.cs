using System.Linq.Expressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Queue;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>
/// A freelancer's drafts (all drafts for Admins and Leads), today's pace, and recent matches to draft for.
/// </summary>
public sealed class IndexModel(AppDbContext db, PaceGuard pace) : PageModel
{
    public sealed record DraftRow(
        long Id,
        string Title,
        string Freelancer,
        string? Lane,
        DraftStatus Status,
        bool AwaitsLead,
        DateTimeOffset UpdatedAt
    );

    public sealed record MatchRow(
        string PostingId,
        string Title,
        string Lane,
        DateTimeOffset PublishedAt,
        long? MyDraftId
    );

    public IReadOnlyList<DraftRow> Drafts { get; private set; } = [];
    public IReadOnlyList<MatchRow> Matches { get; private set; } = [];
    public PaceStatus Pace { get; private set; } = null!;
    public bool IsLead { get; private set; }

    /// <summary>
    /// A <see cref="DraftStatus"/> name, or "awaiting" for drafts waiting for a lead's approval; empty for all.
    /// </summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }
    public const string Awaiting = "awaiting";

    /// <summary>
    /// A draft in a lane that needs a lead's approval, not approved by one yet: the drafts filter and the Lead's home
    /// count it alike.
    /// </summary>
    public static readonly Expression<Func<Draft, bool>> AwaitsLeadApproval = d =>
        d.RequiresLeadApproval && d.LeadApprovedAt == null && d.Status == DraftStatus.Editing;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = DraftWorkflow.UserId(User);
        IsLead = DraftWorkflow.IsLead(User);
        Pace = await pace.StatusAsync(userId, ct);
        var drafts = db.Drafts.AsNoTracking().Where(d => IsLead || d.FreelancerId == userId);
        if (Status == Awaiting)
        {
            drafts = drafts.Where(AwaitsLeadApproval);
        }
        else if (Enum.TryParse<DraftStatus>(Status, false, out var status) && Enum.IsDefined(status))
        {
            drafts = drafts.Where(d => d.Status == status);
        }
        Drafts = await (
            from d in drafts
            join p in db.Postings on d.PostingId equals p.Id into ps
            from p in ps.DefaultIfEmpty()
            join u in db.Users on d.FreelancerId equals u.Id
            join l in db.Lanes on d.LaneId equals l.Id into ls
            from l in ls.DefaultIfEmpty()
            orderby d.UpdatedAt descending
            select new DraftRow(
                d.Id,
                p == null ? d.PostingId : p.Title,
                u.DisplayName,
                l == null ? null : l.Name,
                d.Status,
                d.RequiresLeadApproval && d.LeadApprovedAt == null && d.Status == DraftStatus.Editing,
                d.UpdatedAt
            )
        )
            .Take(100)
            .ToListAsync(ct);
        // The jobs to draft for: a freelancer's own assignments, every match for those who read all.
        var recent = await JobAccess
            .Visible(db.Matches.AsNoTracking(), User)
            .Where(m => m.Status != MatchStatus.Dismissed && m.Posting!.ContentPurgedAt == null)
            .OrderByDescending(m => m.MatchedAt)
            .Take(30)
            .Select(m => new
            {
                m.PostingId,
                m.Posting!.Title,
                Lane = m.Lane!.Name,
                m.Posting.PublishedAt,
            })
            .ToListAsync(ct);
        var ids = recent.Select(r => r.PostingId).ToList();
        var mine = await db
            .Drafts.Where(d => d.FreelancerId == userId && ids.Contains(d.PostingId))
            .GroupBy(d => d.PostingId)
            .Select(g => new { g.Key, Id = g.Max(d => d.Id) })
            .ToDictionaryAsync(x => x.Key, x => x.Id, ct);
        Matches = recent
            .DistinctBy(r => r.PostingId)
            .Select(r => new MatchRow(
                r.PostingId,
                r.Title,
                r.Lane,
                r.PublishedAt,
                mine.TryGetValue(r.PostingId, out var id) ? id : null
            ))
            .ToList();
    }
}
