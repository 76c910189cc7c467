namespace UpworkAssist.Core.Jobs;

/// <summary>How a posting pays. JSON: "fixed" or "hourly".</summary>
public enum JobType
{
    Fixed,
    Hourly,
}

/// <summary>The experience level a posting asks for. JSON: "entry", "intermediate" or "expert".</summary>
public enum ExperienceLevel
{
    Entry,
    Intermediate,
    Expert,
}

/// <summary>What the marketplace tells about the client behind a posting; every field may be unknown (null).</summary>
public sealed record JobClient
{
    public static JobClient Unknown { get; } = new();

    public string? Country { get; init; }
    public bool? PaymentVerified { get; init; }
    public decimal? TotalSpent { get; init; }
    public int? TotalHires { get; init; }
    public decimal? Rating { get; init; }
    public int? ReviewsCount { get; init; }
}

/// <summary>A normalized job posting, as stored, exported and read by the CLI (RULES.md "Job").</summary>
public sealed record Job
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public string? Url { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
    public required JobType Type { get; init; }
    public decimal? FixedBudget { get; init; }
    public decimal? HourlyMin { get; init; }
    public decimal? HourlyMax { get; init; }
    public ExperienceLevel? ExperienceLevel { get; init; }
    public IReadOnlyList<string> Skills { get; init; } = [];
    public string? Category { get; init; }
    public int? TotalApplicants { get; init; }
    public JobClient Client { get; init; } = JobClient.Unknown;
}
