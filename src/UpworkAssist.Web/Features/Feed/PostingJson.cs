using System.Globalization;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>A posting as the RULES.md Job JSON (camelCase on the wire) plus `fetchedAt`.</summary>
public sealed record PostingJson(
    string Id,
    string Title,
    string Description,
    string? Url,
    DateTimeOffset PublishedAt,
    string Type,
    decimal? FixedBudget,
    decimal? HourlyMin,
    decimal? HourlyMax,
    string? ExperienceLevel,
    IReadOnlyList<string> Skills,
    string? Category,
    int? TotalApplicants,
    PostingJson.ClientJson Client,
    DateTimeOffset FetchedAt
)
{
    public sealed record ClientJson(
        string? Country,
        bool? PaymentVerified,
        decimal? TotalSpent,
        int? TotalHires,
        double? Rating,
        int? ReviewsCount
    );

    public static PostingJson From(Posting p) =>
        new(
            p.Id,
            p.Title,
            p.Description,
            p.Url,
            p.PublishedAt,
            p.Type == PostingType.Hourly ? "hourly" : "fixed",
            p.FixedBudget,
            p.HourlyMin,
            p.HourlyMax,
            p.ExperienceLevel,
            p.Skills,
            p.Category,
            p.TotalApplicants,
            new ClientJson(
                p.Client.Country,
                p.Client.PaymentVerified,
                p.Client.TotalSpent,
                p.Client.TotalHires,
                p.Client.Rating,
                p.Client.ReviewsCount
            ),
            p.FetchedAt
        );

    /// <summary>The keyset: publish instant (UTC ticks), then id, both descending.</summary>
    public static string Key(Posting p) => $"{p.PublishedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{p.Id}";

    public static bool TryParseKey(string key, out long ticks, out string id)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        id = bar > 0 ? key[(bar + 1)..] : "";
        ticks = 0;
        // Ticks outside DateTimeOffset's range are no cursor of ours: refuse them here rather than throw later.
        return bar > 0
            && long.TryParse(key.AsSpan(0, bar), NumberStyles.Integer, CultureInfo.InvariantCulture, out ticks)
            && ticks >= DateTimeOffset.MinValue.UtcTicks
            && ticks <= DateTimeOffset.MaxValue.UtcTicks;
    }
}
