using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Api;

/// <summary>The read-only JSON API under /api/v1. Each feature adds its endpoints to this group.</summary>
public static class ApiEndpoints
{
    public sealed record Me(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles);

    public sealed record AuditItem(
        long Id,
        DateTimeOffset At,
        string Actor,
        string Action,
        string? SubjectType,
        string? SubjectId,
        string? Details,
        string? IpAddress
    );

    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().RequireAccess();

        // Each endpoint's roles come from its AccessPolicy row, matched by route and method.
        var api = app.MapGroup("/api/v1").WithTags("UpworkAssist").RequireAccess();

        api.MapGet(
                "/me",
                (ClaimsPrincipal user) =>
                    new Me(
                        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
                        user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "",
                        user.FindFirstValue(AccountClaims.DisplayName) ?? "",
                        user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList()
                    )
            )
            .WithSummary("The signed-in user and their roles.");

        api.MapGet(
                "/audit",
                async (
                    AppDbContext db,
                    string? after,
                    int? limit,
                    string? actor,
                    string? action,
                    string? subject,
                    DateOnly? from,
                    DateOnly? to,
                    CancellationToken ct
                ) =>
                {
                    if (!PageRequest.TryParse(after, limit, out var page, out var error))
                    {
                        return PageRequest.Invalid(error);
                    }
                    var query = new AuditFilter(actor, action, subject, from, to).Apply(db.AuditEvents.AsNoTracking());
                    if (page.After is not null)
                    {
                        if (!page.TryGetLongKey(out var afterId))
                        {
                            return PageRequest.Invalid();
                        }
                        query = query.Where(a => a.Id < afterId);
                    }
                    var rows = await query.OrderByDescending(a => a.Id).Take(page.Limit + 1).ToListAsync(ct);
                    return Results.Ok(
                        page.ToPage(
                            rows,
                            a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            a => new AuditItem(
                                a.Id,
                                a.At,
                                a.ActorName,
                                a.Action,
                                a.SubjectType,
                                a.SubjectId,
                                a.Details,
                                a.IpAddress
                            )
                        )
                    );
                }
            )
            .WithSummary("Audit events, newest first. Admin and Manager.");

        return api;
    }
}
