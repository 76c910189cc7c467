using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>
/// The names of draft templates by id. Drafts owns the templates and implements this, so the
/// pipeline and analytics can name a proposal's template without depending on Drafts.
/// </summary>
public interface ITemplateNames
{
    Task<IReadOnlyDictionary<long, string>> ReadAsync(IReadOnlyCollection<long> ids, CancellationToken ct);
}

/// <summary>The names behind ids and the choices the filter form offers, limited to what the reader may see.</summary>
public sealed record FilterChoices(
    IReadOnlyDictionary<string, string> Lanes,
    IReadOnlyDictionary<string, string> People,
    IReadOnlyList<long> Templates
)
{
    /// <summary>Template names from the drafts library; a template deleted since shows by its id.</summary>
    public IReadOnlyDictionary<long, string> TemplateNames { get; init; } = new Dictionary<long, string>();

    public string LaneName(string? id) => id is null ? "no lane" : Lanes.GetValueOrDefault(id, id);

    public string PersonName(string? id) => id is null ? "nobody" : People.GetValueOrDefault(id, id);

    public string TemplateName(long? id) =>
        id is { } t ? TemplateNames.GetValueOrDefault(t, $"template {t}") : "no template";

    /// <summary>
    /// How long the filter choices are reused: a new lane, person or template appears in the menus within this.
    /// </summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The choices for this reader, reused for <see cref="CacheFor"/> (they scan the proposals' person and template
    /// indexes).
    /// </summary>
    public static Task<FilterChoices> CachedAsync(
        AppDbContext db,
        ITemplateNames templateNames,
        IMemoryCache cache,
        ClaimsPrincipal user,
        CancellationToken ct
    ) =>
        cache.GetOrCreateAsync(
            ("filter-choices", ProposalAccess.ReadsAll(user) ? "*" : ProposalAccess.UserId(user)),
            entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = CacheFor;
                return LoadAsync(db, templateNames, user, ct);
            }
        )!;

    public static async Task<FilterChoices> LoadAsync(
        AppDbContext db,
        ITemplateNames templateNames,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var lanes = await db.Lanes.AsNoTracking().OrderBy(l => l.Name).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var visible = ProposalAccess.Visible(db.Proposals.AsNoTracking(), user);
        var personIds = ProposalAccess.ReadsAll(user)
            ? await visible.Select(p => p.FreelancerId).Distinct().ToListAsync(ct)
            : [ProposalAccess.UserId(user) ?? ""];
        var people = await db
            .Users.AsNoTracking()
            .Where(u => personIds.Contains(u.Id))
            .ToDictionaryAsync(
                u => u.Id,
                u => string.IsNullOrEmpty(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName,
                ct
            );
        var templates = await visible
            .Where(p => p.TemplateId != null)
            .Select(p => p.TemplateId!.Value)
            .Distinct()
            .OrderBy(t => t)
            .ToListAsync(ct);
        var names = await templateNames.ReadAsync(templates, ct);
        return new FilterChoices(lanes, people, templates) { TemplateNames = names };
    }
}

/// <summary>
/// What the shared filter form needs: the current filter, its choices, and fields to keep (the view).
/// </summary>
public sealed record FilterForm(
    ProposalFilter Filter,
    FilterChoices Choices,
    bool ShowDays,
    IReadOnlyList<(string Name, string Value)> Hidden
);

/// <summary>The small "move to stage" form on a board card or table row.</summary>
public sealed record StageForm(long Id, ProposalStage Current, string ReturnUrl);
