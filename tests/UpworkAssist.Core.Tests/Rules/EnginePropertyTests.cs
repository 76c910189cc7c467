using CsCheck;
using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Core.Rules;

namespace UpworkAssist.Core.Tests.Rules;

/// <summary>The compiled engine against <see cref="ReferenceEngine"/> on random lanes and jobs.</summary>
public class EnginePropertyTests
{
    // Pieces chosen to hit the edges: prefixes of each other, punctuation inside keywords,
    // case, fullwidth and composed/decomposed forms, odd white space, a letter outside the BMP.
    private static readonly string[] Pieces =
    [
        "java",
        "javascript",
        "Java",
        "ＪＡＶＡ",
        "c",
        "c#",
        "C#",
        ".net",
        "asp",
        "asp.net",
        "node",
        "node.js",
        "full",
        "stack",
        "react",
        "native",
        "go",
        "é",
        "e\u0301",
        "café",
        "2",
        "𝐚",
        "日本",
        " ",
        "  ",
        "\t",
        "\n",
        "\u00A0",
        "\u3000",
        "/",
        ".",
        ",",
        "-",
        "(",
        ")",
        "#",
    ];

    private static readonly Gen<string> Text = Gen.OneOf(Pieces)
        .Array[0, 12]
        .Select(static parts => string.Concat(parts));

    private static readonly Gen<string> Keyword = Gen.OneOf(Pieces)
        .Array[1, 3]
        .Select(static parts => string.Concat(parts))
        .Where(static keyword => ReferenceEngine.Normalize(keyword).Length > 0);

    private static readonly Gen<string> Skill = Gen.OneOf(
        "C#",
        "c#",
        " c# ",
        "ｃ＃",
        ".NET",
        "React",
        "react native",
        "Go",
        "java"
    );
    private static readonly Gen<string> Country = Gen.OneOf(
        "United States",
        "united  states",
        "Canada",
        "ＣＡＮＡＤＡ",
        "India"
    );
    private static readonly Gen<decimal?> Money = Gen.OneOf<decimal?>(null, 0m, 10m, 50m, 100m, 500.5m);
    private static readonly Gen<int?> Count = Gen.OneOf<int?>(null, 0, 1, 5, 20);

    private static readonly Gen<LaneDefinition> LaneGen =
        from enabled in Gen.Int[0, 9]
        from jobTypes in Gen.OneOf<JobType[]>([], [JobType.Fixed], [JobType.Hourly], [JobType.Hourly, JobType.Fixed])
        from minFixed in Money
        from minHourly in Money
        from allowUnknown in Gen.Bool
        from skillsAny in Skill.Array[0, 2]
        from skillsAll in Skill.Array[0, 2]
        from include in Keyword.Array[0, 3]
        from negative in Keyword.Array[0, 3]
        from levels in Gen.OneOf<ExperienceLevel[]>(
            [],
            [ExperienceLevel.Expert],
            [ExperienceLevel.Entry, ExperienceLevel.Intermediate]
        )
        from verified in Gen.Int[0, 3]
        from minSpent in Money
        from minRating in Gen.OneOf<decimal?>(null, 0m, 4m, 4.5m, 5m)
        from minHires in Count
        from countriesIn in Country.Array[0, 2]
        from countriesOut in Country.Array[0, 1]
        from maxApplicants in Count
        from maxAge in Gen.OneOf<int?>(null, 0, 30, 600)
        select new LaneDefinition
        {
            Id = "?",
            Name = "random",
            Enabled = enabled > 0,
            JobTypes = jobTypes,
            MinFixedBudget = minFixed,
            MinHourlyRate = minHourly,
            AllowUnknownBudget = allowUnknown,
            SkillsAny = skillsAny,
            SkillsAll = skillsAll,
            IncludeKeywords = include,
            NegativeKeywords = negative,
            ExperienceLevels = levels,
            RequirePaymentVerified = verified == 0,
            MinClientSpent = minSpent,
            MinClientRating = minRating,
            MinClientHires = minHires,
            CountriesInclude = countriesIn,
            CountriesExclude = countriesOut,
            MaxApplicants = maxApplicants,
            MaxAgeMinutes = maxAge,
        };

    private static readonly Gen<Job> JobGen =
        from title in Text
        from description in Text
        from isFixed in Gen.Bool
        from fixedBudget in Money
        from hourlyMin in Money
        from hourlyMax in Money
        from level in Gen.OneOf<ExperienceLevel?>(
            null,
            ExperienceLevel.Entry,
            ExperienceLevel.Intermediate,
            ExperienceLevel.Expert
        )
        from skills in Gen.Frequency((3, Skill), (1, Text)).Array[0, 4]
        from applicants in Count
        from ageMinutes in Gen.Int[-10, 1000]
        from country in Gen.Frequency((1, Gen.Const((string?)null)), (4, Country.Select(static c => (string?)c)))
        from verified in Gen.OneOf<bool?>(null, true, false)
        from spent in Money
        from hires in Count
        from rating in Gen.OneOf<decimal?>(null, 3m, 4.5m, 5m)
        select new Job
        {
            Id = "~job",
            Title = title,
            Description = description,
            PublishedAt = Samples.Now.AddMinutes(-ageMinutes),
            Type = isFixed ? JobType.Fixed : JobType.Hourly,
            FixedBudget = fixedBudget,
            HourlyMin = hourlyMin,
            HourlyMax = hourlyMax,
            ExperienceLevel = level,
            Skills = skills,
            TotalApplicants = applicants,
            Client = new JobClient
            {
                Country = country,
                PaymentVerified = verified,
                TotalSpent = spent,
                TotalHires = hires,
                Rating = rating,
            },
        };

    [Fact]
    public void Compiled_engine_agrees_with_the_reference_on_random_lanes_and_jobs()
    {
        Gen.Select(LaneGen.Array[1, 5], JobGen.Array[1, 5])
            .Sample(
                (lanes, jobs) =>
                {
                    LaneDefinition[] withIds = [.. lanes.Select(static (lane, i) => lane with { Id = $"lane{i}" })];
                    CompiledLaneSet set = CompiledLaneSet.Compile(withIds);
                    var fast = new Reason[withIds.Length];
                    foreach (Job job in jobs)
                    {
                        IReadOnlyList<Decision> decisions = set.Evaluate(job, Samples.Now);
                        set.Evaluate(job, Samples.Now, fast);
                        for (int i = 0; i < withIds.Length; i++)
                        {
                            List<string> expected = ReferenceEngine.Reasons(withIds[i], job, Samples.Now);
                            Assert.Equal(expected, decisions[i].Reasons);
                            Assert.Equal(expected, ReasonCodes.ToCodes(fast[i]));
                            Assert.Equal(expected.Count == 0, decisions[i].Matched);
                            Assert.Equal(decisions[i].Reasons, decisions[i].Evidence.Select(static e => e.Reason));
                        }
                    }
                },
                iter: 3000
            );
    }

    [Fact]
    public void Keyword_occurrence_agrees_with_the_reference_on_random_text()
    {
        Gen.Select(Keyword, Text)
            .Sample(
                (keyword, text) => Assert.Equal(ReferenceEngine.Occurs(keyword, text), Samples.Occurs(keyword, text)),
                iter: 5000
            );
    }

    [Fact]
    public void Normalization_agrees_with_the_reference()
    {
        Text.Sample(text => Assert.Equal(ReferenceEngine.Normalize(text), TextNormalizer.Normalize(text)), iter: 5000);
    }
}
