using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>
/// Which jobs a person may read and draft for: Admins, Leads and Managers every job; anyone else
/// only the jobs with a match assigned to them (a claim is an assignment to oneself). The queue,
/// the job page, drafts and the JSON API all ask here, so they cannot disagree.
/// </summary>
public static class JobAccess
{
    public static bool ReadsAll(ClaimsPrincipal user) => Policies.RolesFor[Policies.JobsReadAll].Any(user.IsInRole);

    public static string Me(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public static IQueryable<Match> Visible(IQueryable<Match> matches, ClaimsPrincipal user)
    {
        if (ReadsAll(user))
            return matches;
        var me = Me(user);
        return matches.Where(m => m.AssigneeId == me);
    }

    public static IQueryable<Posting> Visible(
        IQueryable<Posting> postings,
        IQueryable<Match> matches,
        ClaimsPrincipal user
    )
    {
        if (ReadsAll(user))
            return postings;
        var me = Me(user);
        return postings.Where(p => matches.Any(m => m.PostingId == p.Id && m.AssigneeId == me));
    }

    public static Task<bool> CanReadAsync(
        AppDbContext db,
        string postingId,
        ClaimsPrincipal user,
        CancellationToken ct
    ) => ReadsAll(user) ? Task.FromResult(true) : Visible(db.Matches, user).AnyAsync(m => m.PostingId == postingId, ct);
}
