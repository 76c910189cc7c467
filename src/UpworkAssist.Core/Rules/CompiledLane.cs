using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;

namespace UpworkAssist.Core.Rules;

/// <summary>One lane's rules with every list normalized and deduplicated, ready for evaluation.</summary>
internal sealed class CompiledLane
{
    public CompiledLane(LaneDefinition lane)
    {
        Lane = lane;
        JobTypes = Mask(lane.JobTypes.Select(static type => (int)type));
        ExperienceLevels = Mask(lane.ExperienceLevels.Select(static level => (int)level));
        SkillsAny = NormalizeAll(lane.SkillsAny);
        SkillsAll = NormalizeAll(lane.SkillsAll);
        IncludeKeywords = NormalizeAll(lane.IncludeKeywords);
        NegativeKeywords = NormalizeAll(lane.NegativeKeywords);
        CountriesInclude = NormalizeAll(lane.CountriesInclude);
        CountriesExclude = NormalizeAll(lane.CountriesExclude);
        MaxAge = lane.MaxAgeMinutes is int minutes ? TimeSpan.FromMinutes(minutes) : null;
    }

    public LaneDefinition Lane { get; }

    /// <summary>Bit (1 &lt;&lt; (int)type) per allowed job type; 0 allows any.</summary>
    public int JobTypes { get; }

    /// <summary>Bit (1 &lt;&lt; (int)level) per allowed level; 0 allows any.</summary>
    public int ExperienceLevels { get; }

    public string[] SkillsAny { get; }
    public string[] SkillsAll { get; }
    public string[] IncludeKeywords { get; }
    public string[] NegativeKeywords { get; }
    public string[] CountriesInclude { get; }
    public string[] CountriesExclude { get; }
    public TimeSpan? MaxAge { get; }

    /// <summary>The failing rules that do not depend on text search, skills or countries.</summary>
    public Reason EvaluateScalars(Job job, DateTimeOffset now)
    {
        LaneDefinition lane = Lane;
        Reason reasons = Reason.None;
        if (!lane.Enabled)
        {
            reasons |= Reason.LaneDisabled;
        }

        if (JobTypes != 0 && (JobTypes & (1 << (int)job.Type)) == 0)
        {
            reasons |= Reason.JobTypeExcluded;
        }

        decimal? floor = job.Type == JobType.Fixed ? lane.MinFixedBudget : lane.MinHourlyRate;
        if (floor is decimal min)
        {
            decimal? amount = BudgetAmount(job);
            if (amount is null && !lane.AllowUnknownBudget)
            {
                reasons |= Reason.BudgetUnknown;
            }
            else if (amount < min)
            {
                reasons |= Reason.BudgetBelowFloor;
            }
        }

        if (
            ExperienceLevels != 0
            && (job.ExperienceLevel is not ExperienceLevel level || (ExperienceLevels & (1 << (int)level)) == 0)
        )
        {
            reasons |= Reason.ExperienceMismatch;
        }

        JobClient client = job.Client;
        if (lane.RequirePaymentVerified && client.PaymentVerified != true)
        {
            reasons |= Reason.ClientUnverified;
        }

        if (lane.MinClientSpent is decimal minSpent && (client.TotalSpent ?? 0) < minSpent)
        {
            reasons |= Reason.ClientSpentBelow;
        }

        if (lane.MinClientRating is decimal minRating && (client.Rating is not decimal rating || rating < minRating))
        {
            reasons |= Reason.ClientRatingBelow;
        }

        if (lane.MinClientHires is int minHires && (client.TotalHires ?? 0) < minHires)
        {
            reasons |= Reason.ClientHiresBelow;
        }

        if (lane.MaxApplicants is int maxApplicants && job.TotalApplicants > maxApplicants)
        {
            reasons |= Reason.TooManyApplicants;
        }

        if (MaxAge is TimeSpan maxAge && now - job.PublishedAt > maxAge)
        {
            reasons |= Reason.TooOld;
        }

        return reasons;
    }

    /// <summary>
    /// The amount compared with the floor of the job's type: the fixed budget, or the hourly
    /// rate (hourlyMax when &gt; 0, else hourlyMin when &gt; 0); null when there is none.
    /// </summary>
    public static decimal? BudgetAmount(Job job)
    {
        if (job.Type == JobType.Fixed)
        {
            return job.FixedBudget > 0 ? job.FixedBudget : null;
        }

        return job.HourlyMax > 0 ? job.HourlyMax
            : job.HourlyMin > 0 ? job.HourlyMin
            : null;
    }

    private static int Mask(IEnumerable<int> values) =>
        values.Aggregate(0, static (mask, value) => mask | (1 << value));

    private static string[] NormalizeAll(IReadOnlyList<string> values) =>
        [.. values.Select(TextNormalizer.Normalize).Distinct(StringComparer.Ordinal)];
}
