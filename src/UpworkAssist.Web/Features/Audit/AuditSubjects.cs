using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Audit;

/// <summary>What an audit row's subject or actor is called, and where it lives, for people reading the log.</summary>
public sealed record AuditName(string Text, string? Href);

/// <summary>
/// Names and links for a page of audit events: users by display name, lanes, drafts, proposals,
/// matches and postings by title. The log keeps ids (names change, rows never do); this reads the
/// current names with one query per kind of subject on the page.
/// </summary>
public sealed class AuditSubjects(AppDbContext db)
{
    public async Task<(IReadOnlyDictionary<(string Type, string Id), AuditName> Subjects, IReadOnlyDictionary<string, string> Actors)> NameAsync(
        IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        List<string> Ids(string type) => events.Where(e => e.SubjectType == type && e.SubjectId is not null).Select(e => e.SubjectId!).Distinct().ToList();
        static List<long> Numbers(List<string> ids) => ids.Select(i => long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).Where(n => n >= 0).ToList();
        static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

        var names = new Dictionary<(string, string), AuditName>();
        var userIds = Ids("user").Concat(events.Where(e => e.ActorId is not null).Select(e => e.ActorId!)).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        foreach (var (id, name) in users) names[("user", id)] = new(name, "/Admin/Users/Edit?id=" + Uri.EscapeDataString(id));

        var laneIds = Ids("lane");
        foreach (var lane in await db.Lanes.AsNoTracking().Where(l => laneIds.Contains(l.Id)).Select(l => new { l.Id, l.Name }).ToListAsync(ct))
            names[("lane", lane.Id)] = new(lane.Name, "/Lanes/Edit?id=" + Uri.EscapeDataString(lane.Id));

        var postingIds = Ids("posting");
        var draftIds = Numbers(Ids("draft"));
        var drafts = await db.Drafts.AsNoTracking().Where(d => draftIds.Contains(d.Id)).Select(d => new { d.Id, d.PostingId }).ToListAsync(ct);
        var matchIds = Numbers(Ids("match"));
        var matches = await db.Matches.AsNoTracking().Where(m => matchIds.Contains(m.Id)).Select(m => new { m.Id, m.PostingId }).ToListAsync(ct);
        var titleIds = postingIds.Concat(drafts.Select(d => d.PostingId)).Concat(matches.Select(m => m.PostingId)).Distinct().ToList();
        var titles = await db.Postings.AsNoTracking().Where(p => titleIds.Contains(p.Id) && p.ContentPurgedAt == null).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        string Title(string postingId) => titles.GetValueOrDefault(postingId) ?? "posting " + postingId;
        string Job(string postingId) => "/Queue/Job/" + Uri.EscapeDataString(postingId);

        foreach (var id in postingIds) names[("posting", id)] = new(Title(id), Job(id));
        foreach (var d in drafts) names[("draft", S(d.Id))] = new("draft for “" + Title(d.PostingId) + "”", "/Drafts/Edit?id=" + S(d.Id));
        foreach (var m in matches) names[("match", S(m.Id))] = new("match of “" + Title(m.PostingId) + "”", Job(m.PostingId));

        var proposalIds = Numbers(Ids("proposal"));
        foreach (var p in await db.Proposals.AsNoTracking().Where(p => proposalIds.Contains(p.Id)).Select(p => new { p.Id, p.PostingTitle, p.PostingId }).ToListAsync(ct))
            names[("proposal", S(p.Id))] = new("proposal “" + (p.PostingTitle.Length > 0 ? p.PostingTitle : Title(p.PostingId)) + "”", "/Pipeline/Edit?id=" + S(p.Id));

        foreach (var slug in Ids("knowledge")) names[("knowledge", slug)] = new("page " + slug, "/Knowledge/Read?slug=" + Uri.EscapeDataString(slug));

        return (names, users);
    }
}
