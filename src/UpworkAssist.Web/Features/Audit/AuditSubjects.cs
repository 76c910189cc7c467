using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Audit;

/// <summary>What an audit row's subject or actor is called, and where it lives, for people reading the log.</summary>
public sealed record AuditName(string Text, string? Href);

/// <summary>
/// Names one feature's subjects (lanes, drafts, proposals…) for the audit page. Each feature
/// registers its own with <see cref="AuditSetup.AddAuditSubjects{T}"/>, so the log knows no
/// feature's tables and any feature may write to it.
/// </summary>
public interface IAuditSubjectNamer
{
    /// <summary>
    /// Names for the given ids of the subject types this namer owns; an id it cannot find is left out.
    /// </summary>
    Task NameAsync(
        ILookup<string, string> idsByType,
        IDictionary<(string Type, string Id), AuditName> names,
        CancellationToken ct
    );
}

/// <summary>
/// Names and links for a page of audit events. The log keeps ids (names change, rows never do);
/// this reads the current names with one query per kind of subject on the page.
/// </summary>
public sealed class AuditSubjects(AppDbContext db, IEnumerable<IAuditSubjectNamer> namers)
{
    public async Task<(
        IReadOnlyDictionary<(string Type, string Id), AuditName> Subjects,
        IReadOnlyDictionary<string, string> Actors
    )> NameAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        var ids = events
            .Where(e => e.SubjectType is not null && e.SubjectId is not null)
            .Select(e => (Type: e.SubjectType!, Id: e.SubjectId!))
            .Distinct()
            .ToLookup(s => s.Type, s => s.Id, StringComparer.Ordinal);
        var names = new Dictionary<(string, string), AuditName>();

        var userIds = ids["user"]
            .Concat(events.Where(e => e.ActorId is not null).Select(e => e.ActorId!))
            .Distinct()
            .ToList();
        var users = await db
            .Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        foreach (var (id, name) in users)
            names[("user", id)] = new(name, "/Admin/Users/Edit?id=" + Uri.EscapeDataString(id));

        foreach (var namer in namers)
            await namer.NameAsync(ids, names, ct);
        return (names, users);
    }
}
