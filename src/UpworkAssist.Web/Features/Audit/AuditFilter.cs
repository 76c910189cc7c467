using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Audit;

/// <summary>Filters shared by the audit page and the JSON API. Dates are whole UTC days.</summary>
public sealed record AuditFilter(string? Actor, string? Action, string? Subject, DateOnly? From, DateOnly? To)
{
    public IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> query)
    {
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            query = query.Where(a => a.ActorName.Contains(Actor.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(Action))
        {
            // "user" finds every user.* action; "user.created" finds exactly that one.
            var action = Action.Trim();
            query = query.Where(a => a.Action == action || a.Action.StartsWith(action + "."));
        }
        if (!string.IsNullOrWhiteSpace(Subject))
        {
            query = query.Where(a => a.SubjectId == Subject.Trim() || a.SubjectType == Subject.Trim());
        }
        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At >= start);
        }
        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At < end);
        }
        return query;
    }
}
