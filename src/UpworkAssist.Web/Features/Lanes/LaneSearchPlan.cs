using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>
/// The fewest searches that cover every enabled lane. A lane without a search expression needs
/// every new posting, so one broad newest-first search covers all lanes; only when every enabled
/// lane narrows its search does the feed run one search per distinct expression. Precision always
/// comes from the rules engine, never from the marketplace's loose full-text search.
/// </summary>
internal sealed class LaneSearchPlan(AppDbContext db) : IFeedSearchPlan
{
    public async Task<IReadOnlyList<FeedSearch>> PlanAsync(CancellationToken ct)
    {
        var expressions = await db
            .Lanes.AsNoTracking()
            .Where(l => l.Enabled)
            .Select(l => l.SearchExpression)
            .ToListAsync(ct);
        if (expressions.Count == 0 || expressions.Any(string.IsNullOrWhiteSpace))
        {
            return [FeedSearch.Broad];
        }
        return expressions
            .Select(e => e!.Trim())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(e => new FeedSearch(
                "q:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(e)))[..16],
                e
            ))
            .ToList();
    }
}
