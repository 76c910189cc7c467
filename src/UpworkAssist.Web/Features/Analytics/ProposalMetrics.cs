using System.Globalization;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>
/// The columns of one proposal the analytics read: the proposal at send plus the milestones it reached.
/// </summary>
public sealed record ProposalFact(
    long Id,
    DateTimeOffset SentAt,
    string FreelancerId,
    string? LaneId,
    long? TemplateId,
    DateTimeOffset? PostingPublishedAt,
    int? ApplicantsAtSend,
    decimal? BudgetAtSend,
    PostingType? ContractType,
    int? ConnectsSpent,
    int? EditDistance,
    decimal? RevenueEarned,
    DateTimeOffset? RepliedAt,
    DateTimeOffset? InterviewAt,
    DateTimeOffset? HiredAt
);

/// <summary>Counts and sums for a group of proposals, and the rates and ratios derived from them.</summary>
public sealed record Funnel(
    int Sent,
    int Replied,
    int Shortlisted,
    int Won,
    decimal Revenue,
    int Connects,
    double? MedianHoursToReply,
    double? MedianMinutesToSend,
    double? MedianApplicants
)
{
    public Rate Reply => Rate.Of(Replied, Sent);
    public Rate Shortlist => Rate.Of(Shortlisted, Sent);
    public Rate Win => Rate.Of(Won, Sent);
    public decimal? RevenuePerProposal => Sent == 0 ? null : Revenue / Sent;
    public double? ConnectsPerWin => Won == 0 ? null : (double)Connects / Won;

    public static readonly Funnel Empty = new(0, 0, 0, 0, 0, 0, null, null, null);
}

/// <summary>One row of a breakdown: a group's key, its label and its funnel.</summary>
public sealed record Breakdown(string Key, string Label, Funnel Funnel);

/// <summary>The metric definitions, as pure functions over proposal facts (docs/pipeline.md).</summary>
public static class ProposalMetrics
{
    /// <summary>Monday of the UTC week the proposal was sent in.</summary>
    public static DateOnly WeekOf(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    public static string WeekText(DateOnly week) => week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static readonly string[] BudgetTiers =
    [
        "fixed < $500",
        "fixed $500–1,999",
        "fixed $2,000–9,999",
        "fixed ≥ $10,000",
        "hourly < $25/h",
        "hourly $25–49/h",
        "hourly ≥ $50/h",
        "unknown",
    ];

    /// <summary>Budget tier at send; an hourly posting's budget is its hourly rate.</summary>
    public static string BudgetTier(ProposalFact f) =>
        (f.ContractType, f.BudgetAtSend) switch
        {
            (_, null) or (null, _) => "unknown",
            (PostingType.Hourly, < 25) => "hourly < $25/h",
            (PostingType.Hourly, < 50) => "hourly $25–49/h",
            (PostingType.Hourly, _) => "hourly ≥ $50/h",
            (_, < 500) => "fixed < $500",
            (_, < 2000) => "fixed $500–1,999",
            (_, < 10000) => "fixed $2,000–9,999",
            _ => "fixed ≥ $10,000",
        };

    public static readonly string[] PostAges = ["< 1 h", "1–6 h", "6–24 h", "≥ 24 h", "unknown"];

    /// <summary>How old the posting was when the proposal went out (speed to lead).</summary>
    public static string PostAge(ProposalFact f) =>
        f.PostingPublishedAt is not { } published
            ? "unknown"
            : (f.SentAt - published).TotalHours switch
            {
                < 1 => "< 1 h",
                < 6 => "1–6 h",
                < 24 => "6–24 h",
                _ => "≥ 24 h",
            };

    public static readonly string[] ApplicantBands = ["< 5", "5–9", "10–19", "20–49", "≥ 50", "unknown"];

    public static string Applicants(ProposalFact f) =>
        f.ApplicantsAtSend switch
        {
            null => "unknown",
            < 5 => "< 5",
            < 10 => "5–9",
            < 20 => "10–19",
            < 50 => "20–49",
            _ => "≥ 50",
        };

    public static readonly string[] EditBands = ["unedited", "light (1–99 chars)", "heavy (≥ 100 chars)", "unknown"];

    /// <summary>How much the person changed the draft before sending (character edit distance).</summary>
    public static string EditBand(ProposalFact f) =>
        f.EditDistance switch
        {
            null => "unknown",
            0 => "unedited",
            < 100 => "light (1–99 chars)",
            _ => "heavy (≥ 100 chars)",
        };

    /// <summary>A proposal's template as a grouping key: its id, or 0 for none (store ids start at 1).</summary>
    public static long TemplateKey(ProposalFact f) => f.TemplateId ?? 0;

    public static string TemplateText(long key) => key == 0 ? "none" : key.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The median, found by selection in linear time rather than by sorting (a report takes the
    /// medians of every group of every breakdown). Reorders <paramref name="values"/>.
    /// </summary>
    public static double? Median(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return null;
        }
        var mid = values.Length / 2;
        var upper = Select(values, mid);
        if (values.Length % 2 == 1)
        {
            return upper;
        }
        // After selection every value left of mid is at most values[mid]: the lower middle is their maximum.
        var lower = values[0];
        foreach (var v in values[1..mid])
            lower = Math.Max(lower, v);
        return (lower + upper) / 2;
    }

    /// <summary>
    /// Hoare's selection: puts the k-th smallest value at index k, smaller ones before it, larger after.
    /// </summary>
    private static double Select(Span<double> values, int k)
    {
        var (lo, hi) = (0, values.Length - 1);
        while (lo < hi)
        {
            var pivot = values[lo + (hi - lo) / 2];
            var (i, j) = (lo, hi);
            while (i <= j)
            {
                while (values[i] < pivot)
                    i++;
                while (values[j] > pivot)
                    j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
                hi = j;
            else if (k >= i)
                lo = i;
            else
                return values[k];
        }
        return values[k];
    }
}
