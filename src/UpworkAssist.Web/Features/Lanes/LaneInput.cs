using FluentValidation;
using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Core.Rules;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>The lane form. Lists are typed one entry per line (commas also separate).</summary>
public sealed record LaneInput
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public bool Enabled { get; init; } = true;
    public List<string> JobTypes { get; init; } = [];
    public decimal? MinFixedBudget { get; init; }
    public decimal? MinHourlyRate { get; init; }
    public bool AllowUnknownBudget { get; init; }
    public string SkillsAny { get; init; } = "";
    public string SkillsAll { get; init; } = "";
    public string IncludeKeywords { get; init; } = "";
    public string NegativeKeywords { get; init; } = "";
    public List<string> ExperienceLevels { get; init; } = [];
    public bool RequirePaymentVerified { get; init; }
    public decimal? MinClientSpent { get; init; }
    public decimal? MinClientRating { get; init; }
    public int? MinClientHires { get; init; }
    public string CountriesInclude { get; init; } = "";
    public string CountriesExclude { get; init; } = "";
    public int? MaxApplicants { get; init; }
    public int? MaxAgeMinutes { get; init; }

    /// <summary>Not a rule: narrows what the feed asks the marketplace for (docs/feed.md).</summary>
    public string? SearchExpression { get; init; }

    /// <summary>
    /// The id a name suggests: ".NET and C# backends" → "dotnet-and-csharp-backends". lanes.js
    /// does the same as the name is typed; this covers a form sent without script.
    /// </summary>
    public static string SlugOf(string name)
    {
        var text = name.Trim()
            .ToLowerInvariant()
            .Replace("c#", "csharp", StringComparison.Ordinal)
            .Replace(".net", "dotnet", StringComparison.Ordinal)
            .Replace("+", "plus", StringComparison.Ordinal)
            .Normalize(System.Text.NormalizationForm.FormD);
        var slug = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
                slug.Append(c);
            else if (
                System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c)
                    != System.Globalization.UnicodeCategory.NonSpacingMark
                && slug.Length > 0
                && slug[^1] != '-'
            )
                slug.Append('-');
        }
        var result = slug.ToString().Trim('-');
        return result.Length > 64 ? result[..64].TrimEnd('-') : result;
    }

    public LaneDefinition ToLane() =>
        new()
        {
            Id = Id.Trim(),
            Name = Name.Trim(),
            Enabled = Enabled,
            JobTypes = [.. JobTypes.Select(t => Enum.Parse<JobType>(t, ignoreCase: true)).Distinct()],
            MinFixedBudget = MinFixedBudget,
            MinHourlyRate = MinHourlyRate,
            AllowUnknownBudget = AllowUnknownBudget,
            SkillsAny = Lines(SkillsAny),
            SkillsAll = Lines(SkillsAll),
            IncludeKeywords = Lines(IncludeKeywords),
            NegativeKeywords = Lines(NegativeKeywords),
            ExperienceLevels =
            [
                .. ExperienceLevels.Select(l => Enum.Parse<ExperienceLevel>(l, ignoreCase: true)).Distinct(),
            ],
            RequirePaymentVerified = RequirePaymentVerified,
            MinClientSpent = MinClientSpent,
            MinClientRating = MinClientRating,
            MinClientHires = MinClientHires,
            CountriesInclude = Lines(CountriesInclude),
            CountriesExclude = Lines(CountriesExclude),
            MaxApplicants = MaxApplicants,
            MaxAgeMinutes = MaxAgeMinutes,
        };

    public static LaneInput From(LaneDefinition lane) =>
        new()
        {
            Id = lane.Id,
            Name = lane.Name,
            Enabled = lane.Enabled,
            JobTypes = [.. lane.JobTypes.Select(t => t.ToString().ToLowerInvariant())],
            MinFixedBudget = lane.MinFixedBudget,
            MinHourlyRate = lane.MinHourlyRate,
            AllowUnknownBudget = lane.AllowUnknownBudget,
            SkillsAny = string.Join('\n', lane.SkillsAny),
            SkillsAll = string.Join('\n', lane.SkillsAll),
            IncludeKeywords = string.Join('\n', lane.IncludeKeywords),
            NegativeKeywords = string.Join('\n', lane.NegativeKeywords),
            ExperienceLevels = [.. lane.ExperienceLevels.Select(l => l.ToString().ToLowerInvariant())],
            RequirePaymentVerified = lane.RequirePaymentVerified,
            MinClientSpent = lane.MinClientSpent,
            MinClientRating = lane.MinClientRating,
            MinClientHires = lane.MinClientHires,
            CountriesInclude = string.Join('\n', lane.CountriesInclude),
            CountriesExclude = string.Join('\n', lane.CountriesExclude),
            MaxApplicants = lane.MaxApplicants,
            MaxAgeMinutes = lane.MaxAgeMinutes,
        };

    internal static string[] Lines(string? text) =>
        (text ?? "").Split(['\n', '\r', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

public sealed class LaneInputValidator : AbstractValidator<LaneInput>
{
    private static readonly string[] Types = ["fixed", "hourly"];
    private static readonly string[] Levels = ["entry", "intermediate", "expert"];

    /// <summary>Longer than any real skill, keyword or country; short enough that no entry floods a page.</summary>
    public const int MaxEntryLength = 200;

    private static bool SingleLine(string? text) => text is null || !text.Any(char.IsControl);

    public LaneInputValidator()
    {
        RuleFor(x => x.Id)
            .NotEmpty()
            .WithMessage("Give the lane a short id, e.g. dotnet-backends.")
            .Matches("^[a-z0-9][a-z0-9_-]{0,63}$")
            .WithMessage("Use 1–64 lower-case letters, digits, - or _, starting with a letter or digit.");
        RuleFor(x => x.Name)
            .NotEmpty()
            .WithMessage("Name the lane.")
            .MaximumLength(100)
            .WithMessage("Use at most 100 characters.")
            .Must(SingleLine)
            .WithMessage("Use one line of text: no line breaks or control characters.");
        RuleFor(x => x.JobTypes).Must(list => list.All(Types.Contains)).WithMessage("Job types are fixed or hourly.");
        RuleFor(x => x.ExperienceLevels)
            .Must(list => list.All(Levels.Contains))
            .WithMessage("Experience levels are entry, intermediate or expert.");
        RuleFor(x => x.MinFixedBudget).GreaterThanOrEqualTo(0).WithMessage("A budget floor cannot be negative.");
        RuleFor(x => x.MinHourlyRate).GreaterThanOrEqualTo(0).WithMessage("A rate floor cannot be negative.");
        RuleFor(x => x.MinClientSpent).GreaterThanOrEqualTo(0).WithMessage("Client spend cannot be negative.");
        RuleFor(x => x.MinClientRating).InclusiveBetween(0, 5).WithMessage("A rating is between 0 and 5.");
        RuleFor(x => x.MinClientHires).GreaterThanOrEqualTo(0).WithMessage("Hires cannot be negative.");
        RuleFor(x => x.MaxApplicants).GreaterThanOrEqualTo(0).WithMessage("Applicants cannot be negative.");
        RuleFor(x => x.MaxAgeMinutes).GreaterThan(0).WithMessage("The age limit must be at least one minute.");
        RuleFor(x => x.SearchExpression)
            .MaximumLength(500)
            .WithMessage("Use at most 500 characters.")
            .Must(SingleLine)
            .WithMessage("Use one line of text: no line breaks or control characters.");
        foreach (
            var (field, get) in new (string, Func<LaneInput, string>)[]
            {
                (nameof(LaneInput.SkillsAny), x => x.SkillsAny),
                (nameof(LaneInput.SkillsAll), x => x.SkillsAll),
                (nameof(LaneInput.IncludeKeywords), x => x.IncludeKeywords),
                (nameof(LaneInput.NegativeKeywords), x => x.NegativeKeywords),
                (nameof(LaneInput.CountriesInclude), x => x.CountriesInclude),
                (nameof(LaneInput.CountriesExclude), x => x.CountriesExclude),
            }
        )
        {
            RuleFor(x => get(x))
                .Must(text => LaneInput.Lines(text).All(e => e.Length <= MaxEntryLength && SingleLine(e)))
                .OverridePropertyName(field)
                .WithMessage(
                    $"Keep each entry to one line of at most {MaxEntryLength} characters, without control characters."
                );
        }
        foreach (
            var (field, get) in new (string, Func<LaneInput, string>)[]
            {
                (nameof(LaneInput.IncludeKeywords), x => x.IncludeKeywords),
                (nameof(LaneInput.NegativeKeywords), x => x.NegativeKeywords),
            }
        )
        {
            RuleFor(x => get(x))
                .Must(text => LaneInput.Lines(text).All(k => TextNormalizer.Normalize(k).Length > 0))
                .WithName(field)
                .OverridePropertyName(field)
                .WithMessage("A keyword is empty after normalization; remove it.");
            RuleFor(x => get(x))
                .Must(text => LaneInput.Lines(text).Length <= 2000)
                .OverridePropertyName(field)
                .WithMessage("Use at most 2,000 keywords.");
        }
    }
}

/// <summary>Static checks that tell a person a lane as written can never match anything.</summary>
public static class LaneWarnings
{
    public static IReadOnlyList<string> For(LaneDefinition lane)
    {
        var warnings = new List<string>();
        static HashSet<string> Set(IEnumerable<string> items) =>
            items.Select(TextNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);
        if (!lane.Enabled)
        {
            warnings.Add("The lane is disabled: it matches nothing until enabled.");
        }
        var negatives = Set(lane.NegativeKeywords);
        var includes = Set(lane.IncludeKeywords);
        if (includes.Count > 0 && includes.IsSubsetOf(negatives))
        {
            warnings.Add("Every include keyword is also a negative keyword, so no job can match.");
        }
        var required = Set(lane.SkillsAll);
        foreach (var skill in required.Where(negatives.Contains))
        {
            warnings.Add($"The required skill \"{skill}\" is also a negative keyword, so no job can match.");
        }
        var countriesIn = Set(lane.CountriesInclude);
        if (countriesIn.Count > 0 && countriesIn.IsSubsetOf(Set(lane.CountriesExclude)))
        {
            warnings.Add("Every included country is also excluded, so no job can match.");
        }
        if (lane.MaxApplicants == 0)
        {
            warnings.Add(
                "Max applicants 0 only matches postings nobody has applied to yet (or whose count is unknown)."
            );
        }
        return warnings;
    }
}
