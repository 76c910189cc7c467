using System.Globalization;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>The columns of one proposal the analytics read: the proposal at send plus the milestones it reached.</summary>
public sealed record ProposalFact(long Id, DateTimeOffset SentAt, string FreelancerId, string? LaneId, long? TemplateId,
    DateTimeOffset? PostingPublishedAt, int? ApplicantsAtSend, decimal? BudgetAtSend, PostingType? ContractType,
    int? ConnectsSpent, int? EditDistance, decimal? RevenueEarned, DateTimeOffset? RepliedAt, DateTimeOffset? InterviewAt, DateTimeOffset? HiredAt);

/// <summary>Counts and sums for a group of proposals, and the rates and ratios derived from them.</summary>
public sealed record Funnel(int Sent, int Replied, int Shortlisted, int Won, decimal Revenue, int Connects,
    double? MedianHoursToReply, double? MedianMinutesToSend, double? MedianApplicants)
{
    public Rate Reply => Rate.Of(Replied, Sent);
    public Rate Shortlist => Rate.Of(Shortlisted, Sent);
    public Rate Win => Rate.Of(Won, Sent);
    public decimal? RevenuePerProposal => Sent == 0 ? null : Revenue / Sent;
    public double? ConnectsPerWin => Won == 0 ? null : (double)Connects / Won;
}

/// <summary>One row of a breakdown: a group's key, its label and its funnel.</summary>
public sealed record Breakdown(string Key, string Label, Funnel Funnel);

/// <summary>The metric definitions, as pure functions over proposal facts (docs/pipeline.md).</summary>
public static class ProposalMetrics
{
    /// <summary>One pass over the facts: counts, sums and the three samples whose medians are shown.</summary>
    public static Funnel Summarize(IReadOnlyCollection<ProposalFact> facts)
    {
        int replied = 0, shortlisted = 0, won = 0, connects = 0;
        decimal revenue = 0;
        var toReply = new List<double>();
        var toSend = new List<double>();
        var applicants = new List<double>();
        foreach (var f in facts)
        {
            if (f.RepliedAt is { } r)
            {
                replied++;
                toReply.Add((r - f.SentAt).TotalHours);
            }
            if (f.InterviewAt is not null) shortlisted++;
            if (f.HiredAt is not null) won++;
            revenue += f.RevenueEarned ?? 0;
            connects += f.ConnectsSpent ?? 0;
            if (f.PostingPublishedAt is { } published) toSend.Add((f.SentAt - published).TotalMinutes);
            if (f.ApplicantsAtSend is { } n) applicants.Add(n);
        }
        return new(facts.Count, replied, shortlisted, won, revenue, connects, Median(toReply), Median(toSend), Median(applicants));
    }

    public static IReadOnlyList<Breakdown> By(IEnumerable<ProposalFact> facts, Func<ProposalFact, string> key, Func<string, string> label, IEnumerable<string>? order = null)
    {
        var groups = facts.GroupBy(key).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var keys = order?.Where(groups.ContainsKey).ToList() ?? [.. groups.Keys.Order(StringComparer.Ordinal)];
        return keys.Select(k => new Breakdown(k, label(k), Summarize(groups[k]))).ToList();
    }

    /// <summary>Monday of the UTC week the proposal was sent in.</summary>
    public static DateOnly WeekOf(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    public static string WeekKey(ProposalFact f) => WeekOf(f.SentAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static readonly string[] BudgetTiers = ["fixed < $500", "fixed $500–1,999", "fixed $2,000–9,999", "fixed ≥ $10,000", "hourly < $25/h", "hourly $25–49/h", "hourly ≥ $50/h", "unknown"];

    /// <summary>Budget tier at send; an hourly posting's budget is its hourly rate.</summary>
    public static string BudgetTier(ProposalFact f) => (f.ContractType, f.BudgetAtSend) switch
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
    public static string PostAge(ProposalFact f) => f.PostingPublishedAt is not { } published ? "unknown" : (f.SentAt - published).TotalHours switch
    {
        < 1 => "< 1 h",
        < 6 => "1–6 h",
        < 24 => "6–24 h",
        _ => "≥ 24 h",
    };

    public static readonly string[] ApplicantBands = ["< 5", "5–9", "10–19", "20–49", "≥ 50", "unknown"];

    public static string Applicants(ProposalFact f) => f.ApplicantsAtSend switch
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
    public static string EditBand(ProposalFact f) => f.EditDistance switch
    {
        null => "unknown",
        0 => "unedited",
        < 100 => "light (1–99 chars)",
        _ => "heavy (≥ 100 chars)",
    };

    public static string TemplateKey(ProposalFact f) => f.TemplateId?.ToString(CultureInfo.InvariantCulture) ?? "none";

    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return null;
        }
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
