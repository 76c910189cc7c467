using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Core.Rules;

namespace UpworkAssist.Core.Tests;

/// <summary>Small valid jobs and lanes for tests to change one field at a time with `with`.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    public static Job BaseJob { get; } =
        new()
        {
            Id = "~01a",
            Title = "Build an ASP.NET Core API",
            Description = "We need a C# developer.",
            PublishedAt = Now.AddMinutes(-30),
            Type = JobType.Fixed,
            FixedBudget = 1000,
            Skills = ["C#", ".NET"],
            Client = new JobClient
            {
                Country = "United States",
                PaymentVerified = true,
                TotalSpent = 5000,
                TotalHires = 3,
                Rating = 4.8m,
            },
        };

    public static LaneDefinition BaseLane { get; } = new() { Id = "dotnet", Name = ".NET" };

    /// <summary>The reason codes of one lane and one job.</summary>
    public static IReadOnlyList<string> Reasons(LaneDefinition lane, Job job, DateTimeOffset? now = null) =>
        CompiledLaneSet.Compile([lane]).Evaluate(job, now ?? Now)[0].Reasons;

    /// <summary>
    /// Whether <paramref name="keyword"/> occurs in <paramref name="text"/> by RULES.md, through the engine.
    /// </summary>
    public static bool Occurs(string keyword, string text)
    {
        LaneDefinition lane = BaseLane with { IncludeKeywords = [keyword] };
        return !Reasons(lane, BaseJob with { Title = "", Description = text }).Contains("keyword_missing");
    }
}
