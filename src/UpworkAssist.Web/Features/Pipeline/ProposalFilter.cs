using System.Security.Claims;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>
/// The filters the pipeline and analytics pages share: lane, person, template ("none" for
/// proposals without one) and a period of send dates (From/To inclusive, UTC days; Days counts
/// back from today when no From is given).
/// </summary>
public sealed record ProposalFilter(
    string? Lane = null,
    string? Person = null,
    string? Template = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int? Days = null
)
{
    public const string NoTemplate = "none";

    /// <summary>The half-open instant range [start, end) of the period, or nulls when unbounded.</summary>
    public (DateTimeOffset? Start, DateTimeOffset? End) Range(DateTimeOffset now)
    {
        DateTimeOffset? start =
            From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : Days is > 0 and var d ? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - d)
            : null;
        DateTimeOffset? end = To is { } t
            ? new DateTimeOffset(t.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1)
            : null;
        return (start, end);
    }

    /// <summary>
    /// Applies the filters and the reader's visibility: without a read-all role, a person sees only their own
    /// proposals.
    /// </summary>
    public IQueryable<Proposal> Apply(IQueryable<Proposal> proposals, ClaimsPrincipal user, DateTimeOffset now)
    {
        var query = ProposalAccess.Visible(proposals, user);
        if (!string.IsNullOrEmpty(Lane))
        {
            query = query.Where(p => p.LaneId == Lane);
        }
        if (!string.IsNullOrEmpty(Person))
        {
            query = query.Where(p => p.FreelancerId == Person);
        }
        if (Template == NoTemplate)
        {
            query = query.Where(p => p.TemplateId == null);
        }
        else if (
            long.TryParse(
                Template,
                System.Globalization.NumberStyles.Integer,
                System.Globalization.CultureInfo.InvariantCulture,
                out var templateId
            )
        )
        {
            query = query.Where(p => p.TemplateId == templateId);
        }
        var (start, end) = Range(now);
        if (start is { } s)
        {
            query = query.Where(p => p.SentAt >= s);
        }
        if (end is { } e)
        {
            query = query.Where(p => p.SentAt < e);
        }
        return query;
    }

    /// <summary>The filter as query-string values, for links that keep it (exports, view switches).</summary>
    public Dictionary<string, string> RouteValues()
    {
        var values = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(Lane))
            values["lane"] = Lane;
        if (!string.IsNullOrEmpty(Person))
            values["person"] = Person;
        if (!string.IsNullOrEmpty(Template))
            values["template"] = Template;
        if (From is { } f)
            values["from"] = f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (To is { } t)
            values["to"] = t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (Days is { } d)
            values["days"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return values;
    }
}

/// <summary>Who sees and who changes which proposal; the role sets come from <see cref="Policies.RolesFor"/>.</summary>
public static class ProposalAccess
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static bool ReadsAll(ClaimsPrincipal user) => Policies.RolesFor[Policies.PipelineReadAll].Any(user.IsInRole);

    public static IQueryable<Proposal> Visible(IQueryable<Proposal> proposals, ClaimsPrincipal user)
    {
        if (ReadsAll(user))
        {
            return proposals;
        }
        var me = UserId(user) ?? "";
        return proposals.Where(p => p.FreelancerId == me);
    }

    /// <summary>The proposal's own freelancer, a Lead or an Admin; a Manager reads only.</summary>
    public static bool CanEdit(ClaimsPrincipal user, string freelancerId) =>
        Policies.RolesFor[Policies.PipelineEditAll].Any(user.IsInRole)
        || (freelancerId == UserId(user) && Policies.RolesFor[Policies.Drafting].Any(user.IsInRole));
}
