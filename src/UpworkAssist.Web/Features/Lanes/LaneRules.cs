using System.Text;
using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>
/// Translation between the store and the rules engine. A lane row keeps its rules as the
/// RULES.md lane JSON, so import, export, the CLI and the engine all speak the same format.
/// </summary>
public static class LaneRules
{
    public static LaneDefinition ToCore(Lane row) =>
        LaneJson.Read(Encoding.UTF8.GetBytes(row.RulesJson)).ItemsOrThrow()[0] with
        {
            Id = row.Id,
            Name = row.Name,
            Enabled = row.Enabled,
        };

    public static void Apply(Lane row, LaneDefinition lane)
    {
        row.Name = lane.Name;
        row.Enabled = lane.Enabled;
        row.RulesJson = LaneJson.Serialize([lane with { Id = row.Id }]);
    }

    public static Job ToJob(Posting p) =>
        new()
        {
            Id = p.Id,
            Title = p.Title,
            Description = p.Description,
            Url = p.Url,
            PublishedAt = p.PublishedAt,
            Type = p.Type == PostingType.Hourly ? JobType.Hourly : JobType.Fixed,
            FixedBudget = p.FixedBudget,
            HourlyMin = p.HourlyMin,
            HourlyMax = p.HourlyMax,
            ExperienceLevel = p.ExperienceLevel switch
            {
                "entry" => ExperienceLevel.Entry,
                "intermediate" => ExperienceLevel.Intermediate,
                "expert" => ExperienceLevel.Expert,
                _ => null,
            },
            Skills = p.Skills,
            Category = p.Category,
            TotalApplicants = p.TotalApplicants,
            Client = new JobClient
            {
                Country = p.Client.Country,
                PaymentVerified = p.Client.PaymentVerified,
                TotalSpent = p.Client.TotalSpent,
                TotalHires = p.Client.TotalHires,
                Rating = p.Client.Rating is { } r ? (decimal)r : null,
                ReviewsCount = p.Client.ReviewsCount,
            },
        };
}
