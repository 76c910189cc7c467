using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Audit;

public sealed class IndexModel(AppDbContext db, AuditSubjects subjects) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Act { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];
    public long? OlderThan { get; private set; }
    public IReadOnlyDictionary<(string Type, string Id), AuditName> Subjects { get; private set; } =
        new Dictionary<(string, string), AuditName>();
    public IReadOnlyDictionary<string, string> Actors { get; private set; } = new Dictionary<string, string>();

    public AuditName? SubjectOf(AuditEvent e) =>
        e.SubjectType is { } type && e.SubjectId is { } id && Subjects.GetValueOrDefault((type, id)) is { } name
            ? (MayOpen(type) ? name : name with { Href = null })
            : null;

    // A link only where the reader may go: Managers read the log but edit neither users, lanes nor drafts.
    private bool MayOpen(string type) =>
        type switch
        {
            "user" => User.IsInRole(Security.Roles.Admin),
            "lane" => Security.Policies.RolesFor[Security.Policies.LaneEditors].Any(User.IsInRole),
            "draft" => Security.Policies.RolesFor[Security.Policies.Drafting].Any(User.IsInRole),
            _ => true,
        };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = new AuditFilter(Actor, Act, Subject, From, To).Apply(db.AuditEvents.AsNoTracking());
        if (Before is { } before)
        {
            query = query.Where(a => a.Id < before);
        }
        var rows = await query.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(ct);
        Events = rows.Take(PageSize).ToList();
        OlderThan = rows.Count > PageSize ? Events[^1].Id : null;
        (Subjects, Actors) = await subjects.NameAsync(Events, ct);
    }
}
