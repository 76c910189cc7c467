using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Api;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>`GET /api/v1/proposals`: the pipeline records, oldest first, with the milestones each reached.</summary>
public static class ProposalsApi
{
    public sealed record ProposalItem(
        long Id,
        string PostingId,
        string? PostingUrl,
        string PostingTitle,
        string FreelancerId,
        string? LaneId,
        long? TemplateId,
        long? DraftId,
        string Stage,
        DateTimeOffset SentAt,
        DateTimeOffset? PostingPublishedAt,
        int? ApplicantsAtSend,
        decimal? BudgetAtSend,
        string? ContractType,
        int? ConnectsSpent,
        int? EditDistance,
        decimal? ContractValue,
        decimal? RevenueEarned,
        DateTimeOffset? ViewedAt,
        DateTimeOffset? RepliedAt,
        DateTimeOffset? InterviewAt,
        DateTimeOffset? HiredAt,
        DateTimeOffset UpdatedAt
    );

    public static void MapProposalsApi(this RouteGroupBuilder api)
    {
        api.MapGet(
                "/proposals",
                async (
                    AppDbContext db,
                    ClaimsPrincipal user,
                    string? after,
                    int? limit,
                    string? laneId,
                    string? freelancerId,
                    string? stage,
                    CancellationToken ct
                ) =>
                {
                    if (!PageRequest.TryParse(after, limit, out var page, out var error))
                    {
                        return PageRequest.Invalid(error);
                    }
                    var query = ProposalAccess.Visible(db.Proposals.AsNoTracking(), user);
                    if (!string.IsNullOrEmpty(laneId))
                        query = query.Where(p => p.LaneId == laneId);
                    if (!string.IsNullOrEmpty(freelancerId))
                        query = query.Where(p => p.FreelancerId == freelancerId);
                    if (!string.IsNullOrEmpty(stage))
                    {
                        if (!Enum.TryParse<ProposalStage>(stage, ignoreCase: true, out var s))
                        {
                            return Results.Problem(
                                "stage must be one of " + string.Join(", ", Enum.GetNames<ProposalStage>()) + ".",
                                statusCode: StatusCodes.Status400BadRequest
                            );
                        }
                        query = query.Where(p => p.Stage == s);
                    }
                    if (page.After is not null)
                    {
                        if (!page.TryGetLongKey(out var afterId))
                        {
                            return PageRequest.Invalid();
                        }
                        query = query.Where(p => p.Id > afterId);
                    }
                    var rows = await (
                        from p in query.OrderBy(p => p.Id).Take(page.Limit + 1)
                        join g in db.ProposalProgress on p.Id equals g.ProposalId into progress
                        from g in progress.DefaultIfEmpty()
                        select new { p, g }
                    ).ToListAsync(ct);
                    rows = rows.OrderBy(r => r.p.Id).ToList();
                    return Results.Ok(
                        page.ToPage(
                            rows,
                            r => r.p.Id.ToString(CultureInfo.InvariantCulture),
                            r => new ProposalItem(
                                r.p.Id,
                                r.p.PostingId,
                                r.p.PostingUrl,
                                r.p.PostingTitle,
                                r.p.FreelancerId,
                                r.p.LaneId,
                                r.p.TemplateId,
                                r.p.DraftId,
                                r.p.Stage.ToString(),
                                r.p.SentAt,
                                r.p.PostingPublishedAt,
                                r.p.ApplicantsAtSend,
                                r.p.BudgetAtSend,
                                r.p.ContractType?.ToString(),
                                r.p.ConnectsSpent,
                                r.p.EditDistance,
                                r.p.ContractValue,
                                r.p.RevenueEarned,
                                r.g?.ViewedAt,
                                r.g?.RepliedAt,
                                r.g?.InterviewAt,
                                r.g?.HiredAt,
                                r.p.UpdatedAt
                            )
                        )
                    );
                }
            )
            .WithSummary(
                "Proposals (the pipeline), by id; filter by laneId, freelancerId, stage. A Freelancer sees their "
                    + "own; Admin, Lead and Manager see all."
            );
    }
}
