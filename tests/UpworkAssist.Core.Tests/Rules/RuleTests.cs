using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Core.Rules;
using static UpworkAssist.Core.Tests.Samples;

namespace UpworkAssist.Core.Tests.Rules;

/// <summary>Every rule and reason code of RULES.md "Decision", one behaviour per test.</summary>
public class RuleTests
{
    private static readonly Job Hourly = BaseJob with
    {
        Type = JobType.Hourly,
        FixedBudget = null,
        HourlyMin = 30,
        HourlyMax = 50,
    };

    [Fact]
    public void An_empty_lane_matches_anything()
    {
        Assert.Empty(Reasons(BaseLane, BaseJob));
    }

    [Fact]
    public void Lane_disabled()
    {
        Assert.Equal(["lane_disabled"], Reasons(BaseLane with { Enabled = false }, BaseJob));
    }

    [Fact]
    public void Job_type_excluded()
    {
        Assert.Equal(["job_type_excluded"], Reasons(BaseLane with { JobTypes = [JobType.Hourly] }, BaseJob));
        Assert.Empty(Reasons(BaseLane with { JobTypes = [JobType.Hourly, JobType.Fixed] }, BaseJob));
    }

    [Theory]
    [InlineData(null, false, null)]
    [InlineData(0.0, false, "budget_unknown")] // 0 means no amount
    [InlineData(null, true, null)]
    [InlineData(299.99, false, "budget_below_floor")]
    [InlineData(300.0, false, null)] // at the floor is enough
    [InlineData(299.0, true, "budget_below_floor")] // allowUnknownBudget does not excuse a known low budget
    public void Fixed_budget_floor(double? budget, bool allowUnknown, string? expected)
    {
        LaneDefinition lane = BaseLane with { MinFixedBudget = 300, AllowUnknownBudget = allowUnknown };
        Job job = BaseJob with { FixedBudget = (decimal?)budget };
        string[] want = expected is null ? [] : [expected];
        if (budget is null && !allowUnknown)
        {
            want = ["budget_unknown"];
        }

        Assert.Equal(want, Reasons(lane, job));
    }

    [Fact]
    public void The_fixed_floor_ignores_hourly_jobs_and_the_hourly_floor_ignores_fixed_jobs()
    {
        Assert.Empty(Reasons(BaseLane with { MinFixedBudget = 5000 }, Hourly));
        Assert.Empty(Reasons(BaseLane with { MinHourlyRate = 500 }, BaseJob with { FixedBudget = null }));
    }

    [Theory]
    [InlineData(30.0, 50.0, 50.0, null)] // hourlyMax is the rate
    [InlineData(30.0, 50.0, 51.0, "budget_below_floor")]
    [InlineData(60.0, null, 50.0, null)] // no max: hourlyMin is the rate
    [InlineData(40.0, 0.0, 50.0, "budget_below_floor")] // max 0 counts as none
    [InlineData(null, null, 50.0, "budget_unknown")]
    [InlineData(0.0, 0.0, 50.0, "budget_unknown")]
    public void Hourly_rate_floor(double? min, double? max, double floor, string? expected)
    {
        Job job = Hourly with { HourlyMin = (decimal?)min, HourlyMax = (decimal?)max };
        Assert.Equal(
            expected is null ? [] : [expected],
            Reasons(BaseLane with { MinHourlyRate = (decimal)floor }, job)
        );
    }

    [Fact]
    public void Unknown_hourly_rate_is_allowed_when_the_lane_says_so()
    {
        Assert.Empty(
            Reasons(
                BaseLane with
                {
                    MinHourlyRate = 50,
                    AllowUnknownBudget = true,
                },
                Hourly with
                {
                    HourlyMin = null,
                    HourlyMax = null,
                }
            )
        );
    }

    [Fact]
    public void Missing_any_skill()
    {
        Assert.Equal(["missing_any_skill"], Reasons(BaseLane with { SkillsAny = ["React", "Vue"] }, BaseJob));
        Assert.Empty(Reasons(BaseLane with { SkillsAny = ["React", "ｃ＃"] }, BaseJob)); // normalized equality
        // equality, not keyword occurrence
        Assert.Equal(["missing_any_skill"], Reasons(BaseLane with { SkillsAny = ["C"] }, BaseJob));
    }

    [Fact]
    public void Missing_required_skill()
    {
        Assert.Empty(Reasons(BaseLane with { SkillsAll = ["c#", " .NET "] }, BaseJob));
        Assert.Equal(["missing_required_skill"], Reasons(BaseLane with { SkillsAll = ["c#", "Azure"] }, BaseJob));
        // duplicates after normalization count once
        Assert.Empty(Reasons(BaseLane with { SkillsAll = ["c#", "C#"] }, BaseJob));
        Assert.Equal(
            ["missing_required_skill"],
            Reasons(BaseLane with { SkillsAll = ["c#", "azure"] }, BaseJob with { Skills = ["C#", "c#"] })
        );
    }

    [Fact]
    public void Keyword_missing_looks_in_title_and_description_but_not_skills()
    {
        Assert.Empty(Reasons(BaseLane with { IncludeKeywords = ["asp.net core"] }, BaseJob)); // in the title
        // in the description
        Assert.Empty(Reasons(BaseLane with { IncludeKeywords = ["blazor", "developer"] }, BaseJob));
        Assert.Equal(
            ["keyword_missing"],
            Reasons(BaseLane with { IncludeKeywords = [".net"] }, BaseJob with { Title = "x", Description = "y" })
        );
    }

    [Fact]
    public void Negative_keyword_looks_in_title_description_and_each_skill()
    {
        Assert.Equal(["negative_keyword"], Reasons(BaseLane with { NegativeKeywords = ["api"] }, BaseJob));
        Assert.Equal(["negative_keyword"], Reasons(BaseLane with { NegativeKeywords = ["developer"] }, BaseJob));
        Assert.Equal(
            ["negative_keyword"],
            Reasons(BaseLane with { NegativeKeywords = ["net"] }, BaseJob with { Title = "", Description = "" })
        ); // skill ".NET"
        Assert.Empty(
            Reasons(BaseLane with { NegativeKeywords = ["c# .net"] }, BaseJob with { Title = "", Description = "" })
        ); // not across two skills
        Assert.Empty(Reasons(BaseLane with { NegativeKeywords = ["wordpress"] }, BaseJob));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(ExperienceLevel.Entry, false)]
    [InlineData(ExperienceLevel.Expert, true)]
    public void Experience_mismatch(ExperienceLevel? level, bool matches)
    {
        LaneDefinition lane = BaseLane with
        {
            ExperienceLevels = [ExperienceLevel.Intermediate, ExperienceLevel.Expert],
        };
        Assert.Equal(matches ? [] : ["experience_mismatch"], Reasons(lane, BaseJob with { ExperienceLevel = level }));
        Assert.Empty(Reasons(BaseLane, BaseJob with { ExperienceLevel = level }));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(null, true)] // unknown is not verified
    public void Client_unverified(bool? verified, bool fails)
    {
        Job job = BaseJob with { Client = BaseJob.Client with { PaymentVerified = verified } };
        Assert.Equal(fails ? ["client_unverified"] : [], Reasons(BaseLane with { RequirePaymentVerified = true }, job));
        Assert.Empty(Reasons(BaseLane, job));
    }

    [Theory]
    [InlineData(null, true)] // null reads as 0
    [InlineData(999.99, true)]
    [InlineData(1000.0, false)]
    public void Client_spent_below(double? spent, bool fails)
    {
        Job job = BaseJob with { Client = BaseJob.Client with { TotalSpent = (decimal?)spent } };
        Assert.Equal(fails ? ["client_spent_below"] : [], Reasons(BaseLane with { MinClientSpent = 1000 }, job));
    }

    [Fact]
    public void Client_spent_floor_of_zero_passes_an_unknown_spend()
    {
        Assert.Empty(Reasons(BaseLane with { MinClientSpent = 0 }, BaseJob with { Client = JobClient.Unknown }));
    }

    [Theory]
    [InlineData(null, true)] // no rating fails
    [InlineData(4.49, true)]
    [InlineData(4.5, false)]
    public void Client_rating_below(double? rating, bool fails)
    {
        Job job = BaseJob with { Client = BaseJob.Client with { Rating = (decimal?)rating } };
        Assert.Equal(fails ? ["client_rating_below"] : [], Reasons(BaseLane with { MinClientRating = 4.5m }, job));
    }

    [Theory]
    [InlineData(null, true)] // null reads as 0
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void Client_hires_below(int? hires, bool fails)
    {
        Job job = BaseJob with { Client = BaseJob.Client with { TotalHires = hires } };
        Assert.Equal(fails ? ["client_hires_below"] : [], Reasons(BaseLane with { MinClientHires = 2 }, job));
    }

    [Fact]
    public void Country_excluded_by_normalized_equality()
    {
        Assert.Equal(["country_excluded"], Reasons(BaseLane with { CountriesExclude = ["united  states"] }, BaseJob));
        Assert.Empty(Reasons(BaseLane with { CountriesExclude = ["United"] }, BaseJob));
        Assert.Empty(
            Reasons(BaseLane with { CountriesExclude = ["India"] }, BaseJob with { Client = JobClient.Unknown })
        );
    }

    [Fact]
    public void Country_not_included()
    {
        Assert.Empty(Reasons(BaseLane with { CountriesInclude = ["Canada", "UNITED STATES"] }, BaseJob));
        Assert.Equal(["country_not_included"], Reasons(BaseLane with { CountriesInclude = ["Canada"] }, BaseJob));
        Assert.Equal(
            ["country_not_included"],
            Reasons(BaseLane with { CountriesInclude = ["Canada"] }, BaseJob with { Client = JobClient.Unknown })
        );
    }

    [Fact]
    public void A_country_both_included_and_excluded_is_excluded()
    {
        Assert.Equal(
            ["country_excluded"],
            Reasons(
                BaseLane with
                {
                    CountriesInclude = ["United States"],
                    CountriesExclude = ["United States"],
                },
                BaseJob
            )
        );
    }

    [Theory]
    [InlineData(null, false)] // unknown applicants never fail
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void Too_many_applicants(int? applicants, bool fails)
    {
        Assert.Equal(
            fails ? ["too_many_applicants"] : [],
            Reasons(BaseLane with { MaxApplicants = 10 }, BaseJob with { TotalApplicants = applicants })
        );
    }

    [Theory]
    [InlineData(60, false)] // exactly the limit is not older than it
    [InlineData(61, true)]
    [InlineData(-5, false)] // published "in the future" is not old
    public void Too_old_uses_the_given_now(int minutesAgo, bool fails)
    {
        Job job = BaseJob with { PublishedAt = Now.AddMinutes(-minutesAgo) };
        Assert.Equal(fails ? ["too_old"] : [], Reasons(BaseLane with { MaxAgeMinutes = 60 }, job, Now));
    }

    [Fact]
    public void Too_old_compares_instants_across_offsets()
    {
        // 23:00Z
        Job job = BaseJob with
        {
            PublishedAt = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.FromHours(2)),
        };
        Assert.Empty(Reasons(BaseLane with { MaxAgeMinutes = 60 }, job, Now));
        Assert.Equal(["too_old"], Reasons(BaseLane with { MaxAgeMinutes = 59 }, job, Now));
    }

    [Fact]
    public void Every_rule_is_evaluated_and_reasons_are_sorted_ordinal_without_duplicates()
    {
        LaneDefinition lane = new()
        {
            Id = "all",
            Name = "fails everything",
            Enabled = false,
            JobTypes = [JobType.Hourly],
            MinFixedBudget = 5000,
            SkillsAny = ["rust"],
            SkillsAll = ["go"],
            IncludeKeywords = ["kotlin"],
            NegativeKeywords = ["api", "c#", "developer"],
            ExperienceLevels = [ExperienceLevel.Expert],
            RequirePaymentVerified = true,
            MinClientSpent = 1_000_000,
            MinClientRating = 5,
            MinClientHires = 100,
            CountriesInclude = ["Canada"],
            CountriesExclude = ["United States"],
            MaxApplicants = 1,
            MaxAgeMinutes = 1,
        };
        Job job = BaseJob with { TotalApplicants = 50, Client = BaseJob.Client with { PaymentVerified = false } };
        IReadOnlyList<string> reasons = Reasons(lane, job);
        Assert.Equal(ReasonCodes.All.Where(code => code != "budget_unknown"), reasons);
        Assert.Equal(reasons.Order(StringComparer.Ordinal), reasons);
    }

    [Fact]
    public void Reason_codes_are_the_seventeen_of_rules_md_in_ordinal_order()
    {
        Assert.Equal(17, ReasonCodes.All.Count);
        Assert.Equal(ReasonCodes.All.Order(StringComparer.Ordinal), ReasonCodes.All);
        Assert.Equal("too_old", ReasonCodes.Code(Reason.TooOld));
        Assert.Equal(
            ["budget_unknown", "negative_keyword"],
            ReasonCodes.ToCodes(Reason.NegativeKeyword | Reason.BudgetUnknown)
        );
        Assert.Throws<ArgumentOutOfRangeException>(() => ReasonCodes.Code(Reason.TooOld | Reason.LaneDisabled));
    }

    [Fact]
    public void Lanes_are_evaluated_together_in_lane_order()
    {
        LaneDefinition[] lanes =
        [
            BaseLane with
            {
                Id = "a",
                Enabled = false,
            },
            BaseLane with
            {
                Id = "b",
            },
            BaseLane with
            {
                Id = "c",
                IncludeKeywords = ["zzz"],
            },
        ];
        CompiledLaneSet set = CompiledLaneSet.Compile(lanes);
        IReadOnlyList<Decision> decisions = set.Evaluate(BaseJob, Now);
        Assert.Equal(["a", "b", "c"], decisions.Select(d => d.LaneId));
        Assert.Equal([false, true, false], decisions.Select(d => d.Matched));

        var reasons = new Reason[3];
        set.Evaluate(BaseJob, Now, reasons);
        Assert.Equal([Reason.LaneDisabled, Reason.None, Reason.KeywordMissing], reasons);
    }

    [Fact]
    public void More_than_64_lanes_use_more_than_one_bitset_word()
    {
        LaneDefinition[] lanes =
        [
            .. Enumerable
                .Range(0, 130)
                .Select(i =>
                    BaseLane with
                    {
                        Id = $"l{i}",
                        NegativeKeywords = i % 2 == 0 ? ["api"] : ["nothing here"],
                    }
                ),
        ];
        IReadOnlyList<Decision> decisions = CompiledLaneSet.Compile(lanes).Evaluate(BaseJob, Now);
        Assert.All(decisions, (d, i) => Assert.Equal(i % 2 == 1, d.Matched));
    }

    [Fact]
    public void Compile_rejects_invalid_lanes_with_every_error()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            CompiledLaneSet.Compile([BaseLane, BaseLane with { IncludeKeywords = [" "] }])
        );
        Assert.Equal(
            ["[1].id: duplicate lane id 'dotnet' (first used at [0])", "[1].includeKeywords[0]: keyword is empty"],
            error.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal)
        );
    }
}
