using System.Globalization;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>How every page says a posting's budget, age and client facts, the same way everywhere.</summary>
public static class PostingFormat
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static string Budget(PostingType type, decimal? fixedBudget, decimal? hourlyMin, decimal? hourlyMax) =>
        type switch
        {
            PostingType.Fixed => fixedBudget is > 0 ? $"Fixed {Money(fixedBudget.Value)}" : "Fixed, budget not given",
            _ when hourlyMin is > 0 && hourlyMax is > 0 && hourlyMin != hourlyMax =>
                $"Hourly {Money(hourlyMin.Value)}–{Money(hourlyMax.Value)}/h",
            _ when (hourlyMax ?? hourlyMin) is > 0 => $"Hourly {Money((hourlyMax ?? hourlyMin)!.Value)}/h",
            _ => "Hourly, rate not given",
        };

    public static string Age(DateTimeOffset now, DateTimeOffset at)
    {
        var age = now - at;
        return age.TotalMinutes < 1 ? "just now"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min ago"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours} h ago"
            : $"{(int)age.TotalDays} d ago";
    }

    /// <summary>The client facts that tell a lead most, in a fixed order; unknown facts say so.</summary>
    public static IReadOnlyList<string> Client(ClientFacts c)
    {
        var facts = new List<string>
        {
            c.PaymentVerified switch
            {
                true => "payment verified",
                false => "payment not verified",
                null => "verification unknown",
            },
        };
        if (c.TotalSpent is { } spent)
            facts.Add($"{Money(spent)} spent");
        if (c.TotalHires is { } hires)
            facts.Add($"{hires} hires");
        if (c.Rating is { } rating)
            facts.Add(
                $"★ {rating.ToString("0.0", CultureInfo.InvariantCulture)}" + (c.ReviewsCount is { } n ? $" ({n})" : "")
            );
        if (!string.IsNullOrEmpty(c.Country))
            facts.Add(c.Country);
        return facts;
    }

    /// <summary>"1 applicant", "7 applicants", "applicants unknown".</summary>
    public static string Applicants(int? count) =>
        count switch
        {
            null => "applicants unknown",
            1 => "1 applicant",
            { } n => $"{n} applicants",
        };

    public static string Money(decimal amount) =>
        amount >= 10_000 ? (amount / 1000m).ToString("$0.#k", Us) : amount.ToString("$#,0.##", Us);

    /// <summary>A link to the marketplace only when it is one: http(s) and nothing else.</summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;
}
