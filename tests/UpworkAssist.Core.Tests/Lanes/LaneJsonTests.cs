using System.Text;
using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;

namespace UpworkAssist.Core.Tests.Lanes;

public class LaneJsonTests
{
    private static IReadOnlyList<string> Errors(string json) =>
        [.. LaneJson.Read(Encoding.UTF8.GetBytes(json)).Errors.Select(static e => e.ToString())];

    [Fact]
    public void Applies_the_defaults_of_rules_md()
    {
        LaneDefinition lane = Assert.Single(
            LaneJson.Read("""[{"id":"a","name":"A","routing":{"slack":"#x"}}]"""u8).ItemsOrThrow()
        );
        Assert.Equal(
            new LaneDefinition { Id = "a", Name = "A" } with
            {
                JobTypes = lane.JobTypes,
            },
            lane with
            {
                JobTypes = lane.JobTypes,
            }
        );
        Assert.True(lane.Enabled);
        Assert.Empty(lane.JobTypes);
        Assert.False(lane.AllowUnknownBudget);
        Assert.Null(lane.MaxAgeMinutes);
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_one_clear_error_not_an_exception()
    {
        byte[] bytes = [.. "[{\"id\":\"a\",\"name\":\""u8, 0xFF, 0xC3, 0x28, .. "\"}]"u8];
        var result = LaneJson.Read(bytes);
        Assert.Empty(result.Items);
        Assert.Equal(["the file is not UTF-8 text"], result.Errors.Select(static e => e.ToString()));
    }

    [Fact]
    public void Round_trips_through_write()
    {
        LaneDefinition lane = new()
        {
            Id = "dotnet",
            Name = ".NET",
            Enabled = false,
            JobTypes = [JobType.Fixed],
            MinFixedBudget = 500,
            MinHourlyRate = 40.5m,
            AllowUnknownBudget = true,
            SkillsAny = ["C#"],
            SkillsAll = [".NET"],
            IncludeKeywords = ["asp.net"],
            NegativeKeywords = ["wordpress"],
            ExperienceLevels = [ExperienceLevel.Expert],
            RequirePaymentVerified = true,
            MinClientSpent = 1000,
            MinClientRating = 4.5m,
            MinClientHires = 1,
            CountriesInclude = ["Canada"],
            CountriesExclude = ["India"],
            MaxApplicants = 20,
            MaxAgeMinutes = 120,
        };
        LaneDefinition back = Assert.Single(
            LaneJson.Read(Encoding.UTF8.GetBytes(LaneJson.Serialize([lane]))).ItemsOrThrow()
        );
        Assert.Equal(LaneJson.Serialize([lane]), LaneJson.Serialize([back]));
    }

    [Fact]
    public void Returns_every_error_of_a_file()
    {
        const string json = """
            [
              {"id":"a","name":"A","includeKeywords":["  ", "ok"],"minFixedBudget":-1},
              {"id":"a","name":5,"jobTypes":["weekly"],"enabled":"yes"},
              {"name":"no id","negativeKeywords":["\u3000"],"minHourlyRate":-5},
              {"id":"","name":"empty id","maxAgeMinutes":1.5}
            ]
            """;
        Assert.Equal(
            [
                "[0].minFixedBudget: must not be negative",
                "[0].includeKeywords[0]: keyword is empty",
                "[1].name: expected a string",
                "[1].jobTypes[0]: unknown value \"weekly\" (expected \"fixed\", \"hourly\")",
                "[1].enabled: expected a boolean",
                "[1].id: duplicate lane id 'a' (first used at [0])",
                "[2].id: required field is missing",
                "[2].minHourlyRate: must not be negative",
                "[2].negativeKeywords[0]: keyword is empty",
                "[3].maxAgeMinutes: expected an integer",
                "[3].id: must not be empty",
            ],
            Errors(json)
        );
    }

    [Fact]
    public void Malformed_json_is_the_only_error()
    {
        string error = Assert.Single(Errors("""[{"id":"a","name":"A"},{"id":5,"x":1"""));
        Assert.StartsWith("[1]: malformed JSON at line 1, byte 37: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Stops_early_when_asked_for_the_first_error()
    {
        Assert.Single(LaneJson.Read("""[{"id":"a"},{"id":"b"}]"""u8, maxErrors: 1).Errors);
    }
}
