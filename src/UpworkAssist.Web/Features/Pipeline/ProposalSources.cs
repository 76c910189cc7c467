using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>Where the sync reads the team's proposals: the marketplace's API, or the demo source.</summary>
public interface IProposalSource
{
    /// <summary>True when the source names the team's own users, so its senders need no Admin mapping.</summary>
    bool NamesTeamUsers { get; }

    Task<VendorProposalPage> PageAsync(string status, string after, int first, CancellationToken ct);
}

/// <summary>`vendorProposals` through the feed's client: its rate governor, request log and query-only guard.</summary>
internal sealed class ApiProposalSource(MarketplaceClient client, ILogger<ApiProposalSource> logger) : IProposalSource
{
    public bool NamesTeamUsers => false;

    public async Task<VendorProposalPage> PageAsync(string status, string after, int first, CancellationToken ct)
    {
        var reply = await client.QueryAsync(VendorProposals.Query, VendorProposals.Variables(status, after, first), ct);
        var page =
            VendorProposals.ReadPage(reply.Data, status)
            ?? throw new FeedException(
                FeedFailure.GraphQlErrors,
                reply.Errors.Count > 0
                    ? "GraphQL errors: " + string.Join("; ", reply.Errors)
                    : "The reply lacks vendorProposals edges or pageInfo."
            );
        if (reply.Errors.Count > 0)
        {
            // The page is whole; a nulled field is one the reader already tolerates.
            logger.LogWarning(
                "GraphQL errors beside a complete proposals page, page kept: {Errors}",
                string.Join("; ", reply.Errors)
            );
        }
        return page;
    }
}

/// <summary>
/// The demo marketplace's view of the demo proposals people recorded: statuses that unfold with
/// time since the send, the same for a proposal on every run (its id picks its fate), so a
/// newcomer sees views, replies, offers and losses arrive without an account.
/// </summary>
internal sealed class DemoProposalSource(AppDbContext db, TimeProvider clock) : IProposalSource
{
    public bool NamesTeamUsers => true;

    public async Task<VendorProposalPage> PageAsync(string status, string after, int first, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var recorded = await db
            .Proposals.AsNoTracking()
            .Where(p => p.Origin == ProposalOrigin.Recorded && p.PostingId.StartsWith(DemoMarketplace.IdPrefix))
            .OrderByDescending(p => p.SentAt)
            .ThenByDescending(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.PostingId,
                p.MarketplaceJobId,
                p.FreelancerId,
                p.SentAt,
            })
            .ToListAsync(ct);
        var postingIds = recorded.Where(p => p.MarketplaceJobId is null).Select(p => p.PostingId).Distinct().ToList();
        var jobIds = await db
            .Postings.AsNoTracking()
            .Where(p => postingIds.Contains(p.Id) && p.MarketplaceId != null)
            .ToDictionaryAsync(p => p.Id, p => p.MarketplaceId!, ct);
        var all = recorded
            .Select(p => (p, Job: p.MarketplaceJobId ?? jobIds.GetValueOrDefault(p.PostingId)))
            .Where(x => x.Job is not null)
            .Select(x => Fate(x.p.Id, x.Job!, x.p.FreelancerId, x.p.SentAt, now))
            .Where(f => f.Status == status)
            .ToList();
        var start = int.TryParse(after, out var s) ? s : 0;
        var slice = all.Skip(start).Take(first).ToList();
        var end = start + slice.Count;
        return new VendorProposalPage(
            slice,
            end < all.Count,
            end.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
    }

    /// <summary>Roughly the published agency figures: two in three viewed, one in four answered, a few hired.</summary>
    public static SyncedProposal Fate(long id, string jobId, string userId, DateTimeOffset sentAt, DateTimeOffset now)
    {
        var roll = (int)((id * 2_654_435_761L) % 100 + 100) % 100;
        var age = now - sentAt;
        var viewed = roll < 65 && age >= TimeSpan.FromHours(2);
        var (status, changedAfter) = roll switch
        {
            < 4 when age >= TimeSpan.FromDays(4) => ("Hired", TimeSpan.FromDays(4)),
            < 8 when age >= TimeSpan.FromDays(2) => ("Offered", TimeSpan.FromDays(2)),
            < 25 when age >= TimeSpan.FromHours(20) => ("Activated", TimeSpan.FromHours(20)),
            >= 25 and < 45 when age >= TimeSpan.FromDays(3) => ("Declined", TimeSpan.FromDays(3)),
            >= 90 when age >= TimeSpan.FromDays(5) => ("Withdrawn", TimeSpan.FromDays(5)),
            _ when age >= TimeSpan.FromDays(14) => ("Archived", TimeSpan.FromDays(14)),
            _ => ("Pending", viewed ? TimeSpan.FromHours(2) : TimeSpan.Zero),
        };
        var text = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new SyncedProposal(
            "demo-" + text,
            jobId,
            status,
            null,
            status == "Declined" ? "Client hired someone else" : null,
            viewed || status is "Activated" or "Offered" or "Hired",
            sentAt,
            sentAt + changedAfter,
            userId,
            null,
            "demo-agency",
            "Demo agency",
            null,
            null
        );
    }
}

/// <summary>Picks the source for the configured mode, as the feed does.</summary>
internal static class ProposalSources
{
    public static IProposalSource For(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<UpworkOptions>>().CurrentValue.EffectiveMode == FeedMode.Api
            ? services.GetRequiredService<ApiProposalSource>()
            : services.GetRequiredService<DemoProposalSource>();
}
