using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// A posting's title while its content is kept, else "posting {id}": the 24-hour rule removes
/// titles, and pages that name a posting after that (the audit log, the job link) say so plainly.
/// </summary>
public static class PostingTitles
{
    public static async Task<Func<string, string>> ReadAsync(
        AppDbContext db,
        IEnumerable<string> postingIds,
        CancellationToken ct
    )
    {
        var ids = postingIds.Distinct().ToList();
        var titles = await db
            .Postings.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.ContentPurgedAt == null)
            .ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        return id => titles.GetValueOrDefault(id) ?? "posting " + id;
    }

    public static string JobHref(string postingId) => "/Queue/Job/" + Uri.EscapeDataString(postingId);
}

/// <summary>Names "posting" subjects in the audit log.</summary>
internal sealed class PostingAuditNames(AppDbContext db) : IAuditSubjectNamer
{
    public async Task NameAsync(
        ILookup<string, string> idsByType,
        IDictionary<(string Type, string Id), AuditName> names,
        CancellationToken ct
    )
    {
        var title = await PostingTitles.ReadAsync(db, idsByType["posting"], ct);
        foreach (var id in idsByType["posting"])
            names[("posting", id)] = new(title(id), PostingTitles.JobHref(id));
    }
}
