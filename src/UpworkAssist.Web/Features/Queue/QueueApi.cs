using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Api;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>The postings a person may read, on the one /api/v1 group, with the same access as the queue.</summary>
public static class QueueApi
{
    public static RouteGroupBuilder MapPostingsApi(this RouteGroupBuilder api)
    {
        api.MapGet(
                "/postings",
                async (AppDbContext db, ClaimsPrincipal user, string? after, int? limit, CancellationToken ct) =>
                {
                    if (!PageRequest.TryParse(after, limit, out var page, out var error))
                    {
                        return PageRequest.Invalid(error);
                    }
                    var query = JobAccess.Visible(db.Postings.AsNoTracking(), db.Matches, user);
                    if (page.After is not null)
                    {
                        if (!PostingJson.TryParseKey(page.After, out var ticks, out var id))
                        {
                            return PageRequest.Invalid();
                        }
                        var at = new DateTimeOffset(ticks, TimeSpan.Zero);
#pragma warning disable CA1309 // EF translates this to SQLite's `<`, which compares ordinally
                        query = query.Where(p =>
                            p.PublishedAt < at || (p.PublishedAt == at && string.Compare(p.Id, id) < 0)
                        );
#pragma warning restore CA1309
                    }
                    var rows = await query
                        .OrderByDescending(p => p.PublishedAt)
                        .ThenByDescending(p => p.Id)
                        .Take(page.Limit + 1)
                        .ToListAsync(ct);
                    return Results.Ok(page.ToPage(rows, PostingJson.Key, PostingJson.From));
                }
            )
            .WithSummary(
                "Postings in the store, newest published first: RULES.md Jobs plus fetchedAt. A Freelancer reads "
                    + "only the jobs assigned to them."
            );
        return api;
    }
}
