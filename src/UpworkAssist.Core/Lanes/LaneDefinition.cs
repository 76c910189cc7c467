using UpworkAssist.Core.Jobs;

namespace UpworkAssist.Core.Lanes;

/// <summary>
/// One ideal-customer profile: the filters that decide which postings deserve attention
/// (RULES.md "Lane"). Routing settings live in the application, not here.
/// </summary>
public sealed record LaneDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public bool Enabled { get; init; } = true;
    public IReadOnlyList<JobType> JobTypes { get; init; } = [];
    public decimal? MinFixedBudget { get; init; }
    public decimal? MinHourlyRate { get; init; }
    public bool AllowUnknownBudget { get; init; }
    public IReadOnlyList<string> SkillsAny { get; init; } = [];
    public IReadOnlyList<string> SkillsAll { get; init; } = [];
    public IReadOnlyList<string> IncludeKeywords { get; init; } = [];
    public IReadOnlyList<string> NegativeKeywords { get; init; } = [];
    public IReadOnlyList<ExperienceLevel> ExperienceLevels { get; init; } = [];
    public bool RequirePaymentVerified { get; init; }
    public decimal? MinClientSpent { get; init; }
    public decimal? MinClientRating { get; init; }
    public int? MinClientHires { get; init; }
    public IReadOnlyList<string> CountriesInclude { get; init; } = [];
    public IReadOnlyList<string> CountriesExclude { get; init; } = [];
    public int? MaxApplicants { get; init; }
    public int? MaxAgeMinutes { get; init; }
}
