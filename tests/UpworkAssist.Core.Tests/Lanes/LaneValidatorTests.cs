using UpworkAssist.Core.Lanes;

namespace UpworkAssist.Core.Tests.Lanes;

/// <summary>The checks the web application's validators reuse for lanes edited in the browser.</summary>
public class LaneValidatorTests
{
    [Fact]
    public void A_valid_lane_has_no_errors()
    {
        Assert.Empty(LaneValidator.Validate(Samples.BaseLane with { IncludeKeywords = ["c#"], MinFixedBudget = 0 }));
    }

    [Fact]
    public void Lists_every_error_of_one_lane_with_field_paths()
    {
        LaneDefinition lane = Samples.BaseLane with
        {
            Id = "",
            MinFixedBudget = -1,
            MinHourlyRate = -2,
            IncludeKeywords = ["ok", "\t\n"],
            NegativeKeywords = [""],
        };
        Assert.Equal(
            [
                "id: must not be empty",
                "minFixedBudget: must not be negative",
                "minHourlyRate: must not be negative",
                "includeKeywords[1]: keyword is empty",
                "negativeKeywords[0]: keyword is empty",
            ],
            LaneValidator.Validate(lane).Select(static e => e.ToString())
        );
    }

    [Fact]
    public void A_set_of_lanes_adds_indexes_and_duplicate_ids()
    {
        LaneDefinition[] lanes =
        [
            Samples.BaseLane,
            Samples.BaseLane with
            {
                NegativeKeywords = [" "],
            },
            Samples.BaseLane with
            {
                Id = "other",
            },
        ];
        Assert.Equal(
            ["[1].negativeKeywords[0]: keyword is empty", "[1].id: duplicate lane id 'dotnet' (first used at [0])"],
            LaneValidator.Validate(lanes).Select(static e => e.ToString())
        );
    }
}
