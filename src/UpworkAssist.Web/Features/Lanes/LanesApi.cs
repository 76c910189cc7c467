using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Api;
using UpworkAssist.Web.Features.Queue;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>`GET /api/v1/lanes` and `GET /api/v1/matches`.</summary>
public static class LanesApi
{
    public sealed record MatchItem(
        string JobId,
        string LaneId,
        bool Matched,
        IReadOnlyList<string> Reasons,
        DateTimeOffset MatchedAt
    );

    public static void MapLanesApi(this RouteGroupBuilder api)
    {
        api.MapGet(
                "/lanes",
                async (AppDbContext db, string? after, int? limit, CancellationToken ct) =>
                {
                    if (!PageRequest.TryParse(after, limit, out var page, out var error))
                    {
                        return PageRequest.Invalid(error);
                    }
                    var query = db.Lanes.AsNoTracking();
                    if (page.After is { } afterId)
                    {
                        // Translated to SQL's binary (ordinal) text comparison, the same order as ORDER BY Id.
#pragma warning disable CA1309
                        query = query.Where(l => string.Compare(l.Id, afterId) > 0);
#pragma warning restore CA1309
                    }
                    var rows = await query.OrderBy(l => l.Id).Take(page.Limit + 1).ToListAsync(ct);
                    var next = rows.Count > page.Limit ? PageRequest.Cursor(rows[page.Limit - 1].Id) : null;
                    // Items are written by the rules engine's own writer, so they are exactly the RULES.md lane format.
                    using var buffer = new MemoryStream();
                    using (var writer = new Utf8JsonWriter(buffer))
                    {
                        writer.WriteStartObject();
                        writer.WritePropertyName("items");
                        LaneJson.Write(writer, rows.Take(page.Limit).Select(LaneRules.ToCore));
                        writer.WriteString("next", next);
                        writer.WriteEndObject();
                    }
                    return Results.Bytes(buffer.ToArray(), "application/json");
                }
            )
            .Produces<Page<JsonElement>>()
            .WithSummary("Lanes in the RULES.md lane format, by id.");

        api.MapGet(
                "/matches",
                async (
                    AppDbContext db,
                    ClaimsPrincipal user,
                    string? after,
                    int? limit,
                    string? laneId,
                    CancellationToken ct
                ) =>
                {
                    if (!PageRequest.TryParse(after, limit, out var page, out var error))
                    {
                        return PageRequest.Invalid(error);
                    }
                    var query = JobAccess.Visible(db.Matches.AsNoTracking(), user);
                    if (!string.IsNullOrEmpty(laneId))
                    {
                        query = query.Where(m => m.LaneId == laneId);
                    }
                    if (page.After is not null)
                    {
                        if (!page.TryGetLongKey(out var afterId))
                        {
                            return PageRequest.Invalid();
                        }
                        query = query.Where(m => m.Id > afterId);
                    }
                    var rows = await query.OrderBy(m => m.Id).Take(page.Limit + 1).ToListAsync(ct);
                    return Results.Ok(
                        page.ToPage(
                            rows,
                            m => m.Id.ToString(CultureInfo.InvariantCulture),
                            m => new MatchItem(m.PostingId, m.LaneId, true, [], m.MatchedAt)
                        )
                    );
                }
            )
            .WithSummary(
                "Matches, oldest first; filter by laneId. A Freelancer reads only the matches assigned to them."
            );
    }
}
