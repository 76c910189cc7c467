using UpworkAssist.Core.Rules;

namespace UpworkAssist.Core.Lanes;

/// <summary>
/// The checks of RULES.md "Bad input" that a well-typed lane can still fail: empty id,
/// negative budget floor, empty keyword (after normalization), duplicate id in a set.
/// The JSON reader, the CLI, the web application's validators and the engine all use these.
/// </summary>
public static class LaneValidator
{
    /// <summary>Every problem with one lane; paths are field paths such as "includeKeywords[2]".</summary>
    public static IReadOnlyList<ValidationError> Validate(LaneDefinition lane)
    {
        ArgumentNullException.ThrowIfNull(lane);
        var errors = new List<ValidationError>();
        if (string.IsNullOrEmpty(lane.Id))
        {
            errors.Add(new("id", "must not be empty"));
        }

        if (lane.Name is null)
        {
            errors.Add(new("name", "required field is missing"));
        }

        AddIfNegative(errors, "minFixedBudget", lane.MinFixedBudget);
        AddIfNegative(errors, "minHourlyRate", lane.MinHourlyRate);
        AddEmptyKeywords(errors, "includeKeywords", lane.IncludeKeywords);
        AddEmptyKeywords(errors, "negativeKeywords", lane.NegativeKeywords);
        return errors;
    }

    /// <summary>
    /// Every problem with a set of lanes (a file, an import); paths start with the lane's index, e.g. "[3].id".
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(IReadOnlyList<LaneDefinition> lanes)
    {
        ArgumentNullException.ThrowIfNull(lanes);
        var errors = new List<ValidationError>();
        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < lanes.Count; i++)
        {
            foreach (ValidationError error in Validate(lanes[i]))
            {
                errors.Add(error with { Path = $"[{i}].{error.Path}" });
            }

            AddIfDuplicate(errors, firstIndexById, lanes[i].Id, i);
        }

        return errors;
    }

    internal static void AddIfDuplicate(
        List<ValidationError> errors,
        Dictionary<string, int> firstIndexById,
        string? id,
        int index
    )
    {
        if (string.IsNullOrEmpty(id))
        {
            return;
        }

        if (!firstIndexById.TryAdd(id, index))
        {
            errors.Add(new($"[{index}].id", $"duplicate lane id '{id}' (first used at [{firstIndexById[id]}])"));
        }
    }

    internal static void AddIfNegative(List<ValidationError> errors, string field, decimal? amount)
    {
        if (amount < 0)
        {
            errors.Add(new(field, "must not be negative"));
        }
    }

    private static void AddEmptyKeywords(List<ValidationError> errors, string field, IReadOnlyList<string> keywords)
    {
        for (int i = 0; i < keywords.Count; i++)
        {
            if (keywords[i] is null || TextNormalizer.Normalize(keywords[i]).Length == 0)
            {
                errors.Add(new($"{field}[{i}]", "keyword is empty"));
            }
        }
    }
}
