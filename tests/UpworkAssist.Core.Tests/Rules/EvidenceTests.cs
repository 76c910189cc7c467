using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Core.Rules;
using static UpworkAssist.Core.Tests.Samples;

namespace UpworkAssist.Core.Tests.Rules;

public class EvidenceTests
{
    private static Decision Decide(LaneDefinition lane, Job job) =>
        CompiledLaneSet.Compile([lane]).Evaluate(job, Now)[0];

    [Fact]
    public void Negative_keyword_evidence_names_the_keywords_and_where_they_were_found()
    {
        Decision decision = Decide(BaseLane with { NegativeKeywords = ["ASP.NET", "net", "php"] }, BaseJob);
        Evidence evidence = Assert.Single(decision.Evidence);
        Assert.Equal(("negative_keyword", "negativeKeywords"), (evidence.Reason, evidence.Field));
        Assert.Equal(["asp.net", "net"], evidence.Terms.Order(StringComparer.Ordinal));
        Assert.Contains("'asp.net' in the title", evidence.Detail, StringComparison.Ordinal);
        Assert.Contains("'net' in the skill", evidence.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_evidence_names_the_floor_and_the_amount()
    {
        Evidence evidence = Assert.Single(Decide(BaseLane with { MinFixedBudget = 1500 }, BaseJob).Evidence);
        Assert.Equal(("budget_below_floor", "minFixedBudget"), (evidence.Reason, evidence.Field));
        Assert.Equal(["1000"], evidence.Terms);
        Assert.Equal("the fixed budget of $1,000 is below the lane's floor of $1,500", evidence.Detail);

        Evidence hourly = Assert.Single(
            Decide(BaseLane with { MinHourlyRate = 50 }, BaseJob with { Type = JobType.Hourly }).Evidence
        );
        Assert.Equal(("budget_unknown", "minHourlyRate"), (hourly.Reason, hourly.Field));
    }

    [Fact]
    public void Skill_evidence_lists_the_missing_required_skills()
    {
        Evidence evidence = Assert.Single(
            Decide(BaseLane with { SkillsAll = ["C#", "Azure", "SQL Server"] }, BaseJob).Evidence
        );
        Assert.Equal(("missing_required_skill", "skillsAll"), (evidence.Reason, evidence.Field));
        Assert.Equal(["azure", "sql server"], evidence.Terms);
        Assert.Equal("the job does not list the required skills Azure, SQL Server", evidence.Detail);
        Evidence any = Assert.Single(Decide(BaseLane with { SkillsAny = ["Rust", "Go"] }, BaseJob).Evidence);
        Assert.Equal("the job lists none of the lane's skills (Rust, Go)", any.Detail);
    }

    [Fact]
    public void There_is_one_evidence_per_reason_in_reason_order()
    {
        Decision decision = Decide(
            BaseLane with
            {
                Enabled = false,
                MaxAgeMinutes = 1,
                CountriesInclude = ["Canada"],
                MinClientRating = 5,
            },
            BaseJob
        );
        Assert.Equal(["client_rating_below", "country_not_included", "lane_disabled", "too_old"], decision.Reasons);
        Assert.Equal(decision.Reasons, decision.Evidence.Select(static e => e.Reason));
        Assert.Equal(
            ["minClientRating", "countriesInclude", "enabled", "maxAgeMinutes"],
            decision.Evidence.Select(static e => e.Field)
        );
        Assert.Equal("posted 30 minutes ago, older than the lane's limit of 1 minutes", decision.Evidence[^1].Detail);
        Assert.Null(decision.Score);
    }

    [Fact]
    public void Score_ranks_title_keywords_over_description_keywords_and_adds_skills_and_verified_clients()
    {
        LaneDefinition lane = BaseLane with
        {
            IncludeKeywords = ["asp.net core", "api", "developer", "blazor"],
            SkillsAny = ["c#", "rust"],
            SkillsAll = [".net"],
        };
        Decision decision = Decide(lane, BaseJob);
        Assert.True(decision.Matched);
        Assert.Equal(["asp.net core", "api", "developer"], decision.MatchedKeywords);
        // 2 title keywords x3 + 1 description keyword x1 + 2 lane skills listed x2 + verified client 1
        Assert.Equal(
            (2 * Explainer.TitleKeywordPoints)
                + Explainer.DescriptionKeywordPoints
                + (2 * Explainer.SkillPoints)
                + Explainer.VerifiedClientPoints,
            decision.Score
        );
        Assert.Equal(12, decision.Score);
    }

    [Fact]
    public void Score_of_a_lane_with_no_positive_signals_is_zero()
    {
        Assert.Equal(0, Decide(BaseLane, BaseJob with { Client = JobClient.Unknown }).Score);
    }
}
