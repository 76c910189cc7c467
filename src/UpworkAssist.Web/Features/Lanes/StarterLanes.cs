using Microsoft.EntityFrameworkCore;
using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>A few editable lanes for a new install, so the demo feed shows matches in the first minute.</summary>
public static class StarterLanes
{
    private static readonly string[] CommonNegatives =
    [
        "unpaid",
        "free trial task",
        "equity only",
        "test project for free",
        "commission only",
    ];

    public static readonly IReadOnlyList<LaneDefinition> All =
    [
        new()
        {
            Id = "dotnet",
            Name = ".NET and C# backends",
            SkillsAny = ["C#", ".NET", "ASP.NET", "ASP.NET Core", "Entity Framework", "Blazor"],
            NegativeKeywords = [.. CommonNegatives, "wordpress"],
            // No client rating floor: a third of clients are new and unrated, and good first jobs come from them.
            MinFixedBudget = 500,
            MinHourlyRate = 35,
        },
        new()
        {
            Id = "react",
            Name = "React front ends",
            SkillsAny = ["React", "Next.js", "TypeScript", "Redux"],
            NegativeKeywords = [.. CommonNegatives, "react native"],
            MinFixedBudget = 400,
            MinHourlyRate = 30,
            RequirePaymentVerified = true,
        },
        new()
        {
            Id = "design",
            Name = "Product and UI design",
            SkillsAny = ["Figma", "UI Design", "UX Design", "Web Design", "Prototyping"],
            NegativeKeywords = [.. CommonNegatives, "logo contest"],
            JobTypes = [JobType.Fixed, JobType.Hourly],
            MinFixedBudget = 300,
            MinHourlyRate = 25,
        },
    ];

    /// <summary>Adds the starter lanes to a store that has never had a lane.</summary>
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Lanes.AnyAsync(ct))
        {
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var lane in All)
        {
            var row = new Lane
            {
                Id = lane.Id,
                Name = lane.Name,
                CreatedAt = now,
                UpdatedAt = now,
            };
            LaneRules.Apply(row, lane);
            db.Lanes.Add(row);
        }
        await db.SaveChangesAsync(ct);
    }
}
