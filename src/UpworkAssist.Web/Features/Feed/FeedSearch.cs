using System.Text.Json;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>One search a poll runs; its key names its durable cursor.</summary>
public sealed record FeedSearch(string Key, string? SearchExpression)
{
    /// <summary>
    /// One broad newest-first search: it covers every lane, since the rules engine, not the search, decides what
    /// matches.
    /// </summary>
    public static readonly FeedSearch Broad = new("all", null);
}

/// <summary>
/// Plans the fewest searches that cover every enabled lane (Lanes' <c>LaneSearchPlan</c>).
/// </summary>
public interface IFeedSearchPlan
{
    Task<IReadOnlyList<FeedSearch>> PlanAsync(CancellationToken ct);
}

/// <summary>One page of `marketplaceJobPostingsSearch`, as both the real and the demo marketplace answer it.</summary>
public sealed record SearchPage(
    IReadOnlyList<JsonElement> Nodes,
    bool HasNextPage,
    string? EndCursor,
    int? TotalCount = null
)
{
    /// <summary>Reads the page from a reply's `data`; null when the part a poll needs is missing.</summary>
    public static SearchPage? From(JsonElement data)
    {
        if (
            data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("marketplaceJobPostingsSearch", out var search)
            || search.ValueKind != JsonValueKind.Object
            || !search.TryGetProperty("edges", out var edges)
            || edges.ValueKind != JsonValueKind.Array
            || !search.TryGetProperty("pageInfo", out var info)
            || info.ValueKind != JsonValueKind.Object
        )
        {
            return null;
        }
        var nodes = edges
            .EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("node", out var n) ? n : e)
            .ToList();
        var hasNext = info.TryGetProperty("hasNextPage", out var h) && h.ValueKind == JsonValueKind.True;
        var end =
            info.TryGetProperty("endCursor", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        int? total =
            search.TryGetProperty("totalCount", out var t)
            && t.ValueKind == JsonValueKind.Number
            && t.TryGetInt32(out var n)
                ? n
                : null;
        return new SearchPage(nodes, hasNext, end, total);
    }
}

/// <summary>Where pages come from: the marketplace's API, or the demo marketplace.</summary>
public interface IJobSearchSource
{
    FeedSource Source { get; }

    Task<SearchPage> SearchAsync(FeedSearch search, string after, int first, CancellationToken ct);
}

/// <summary>The real feed: `marketplaceJobPostingsSearch` through <see cref="MarketplaceClient"/>.</summary>
internal sealed class ApiJobSearch(MarketplaceClient client, ILogger<ApiJobSearch> logger) : IJobSearchSource
{
    public const string Query = """
        query marketplaceJobPostingsSearch($marketPlaceJobFilter: MarketplaceJobPostingsSearchFilter,
          $searchType: MarketplaceJobPostingSearchType, $sortAttributes: [MarketplaceJobPostingSearchSortAttribute]) {
          marketplaceJobPostingsSearch(marketPlaceJobFilter: $marketPlaceJobFilter, searchType: $searchType,
                                       sortAttributes: $sortAttributes) {
            totalCount
            edges { cursor node {
              id ciphertext title description createdDateTime publishedDateTime renewedDateTime experienceLevel
              duration durationLabel engagement totalApplicants freelancersToHire enterprise applied
              amount { rawValue currency displayValue }
              hourlyBudgetMin { rawValue currency displayValue }
              hourlyBudgetMax { rawValue currency displayValue }
              skills { name prettyName }
              occupations { category { id prefLabel } }
              client { totalHires totalPostedJobs totalReviews totalFeedback verificationStatus
                       memberSinceDateTime hasFinancialPrivacy
                       totalSpent { rawValue currency displayValue } location { country city timezone } }
            } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public FeedSource Source => FeedSource.Api;

    public async Task<SearchPage> SearchAsync(FeedSearch search, string after, int first, CancellationToken ct)
    {
        var filter = new Dictionary<string, object> { ["pagination_eq"] = new { after, first } };
        if (search.SearchExpression is { Length: > 0 } expression)
        {
            filter["searchExpression_eq"] = expression;
        }
        var reply = await client.QueryAsync(
            Query,
            new
            {
                marketPlaceJobFilter = filter,
                searchType = "USER_JOBS_SEARCH",
                sortAttributes = new[] { new { field = "RECENCY" } },
            },
            ct
        );
        var page = SearchPage.From(reply.Data);
        if (page is null)
        {
            throw new FeedException(
                FeedFailure.GraphQlErrors,
                reply.Errors.Count > 0
                    ? "GraphQL errors: " + string.Join("; ", reply.Errors)
                    : "The reply lacks marketplaceJobPostingsSearch edges or pageInfo."
            );
        }
        if (reply.Errors.Count > 0)
        {
            // The page itself is complete; a nulled field is what the mapper tolerates anyway.
            logger.LogWarning(
                "GraphQL errors beside a complete page, page kept: {Errors}",
                string.Join("; ", reply.Errors)
            );
        }
        return page;
    }
}

/// <summary>Picks the source for the configured mode.</summary>
internal static class JobSearchSources
{
    public static IJobSearchSource For(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<UpworkOptions>>().CurrentValue.EffectiveMode == FeedMode.Api
            ? services.GetRequiredService<ApiJobSearch>()
            : services.GetRequiredService<DemoJobSearch>();
}
