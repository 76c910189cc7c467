using System.Globalization;
using System.Numerics;
using UpworkAssist.Core.Jobs;

namespace UpworkAssist.Core.Rules;

/// <summary>
/// Turns one job's reason flags and keyword hits into <see cref="Decision"/>s with evidence
/// and a ranking score. Only the full evaluation path uses it; the fast path stops at flags.
/// </summary>
internal sealed class Explainer(Job job, DateTimeOffset now, KeywordTrie search, List<KeywordHit> hits)
{
    /// <summary>Score points per include keyword found in the title.</summary>
    public const int TitleKeywordPoints = 3;

    /// <summary>Score points per include keyword found only in the description.</summary>
    public const int DescriptionKeywordPoints = 1;

    /// <summary>Score points per lane skill (skillsAny or skillsAll) the job lists.</summary>
    public const int SkillPoints = 2;

    /// <summary>Score points when the client's payment is verified.</summary>
    public const int VerifiedClientPoints = 1;

    private readonly HashSet<string> _jobSkills = new(
        job.Skills.Select(TextNormalizer.Normalize),
        StringComparer.Ordinal
    );

    public Decision Explain(
        CompiledLane lane,
        int laneIndex,
        Reason reasons,
        LaneBits includeByKeyword,
        LaneBits negativeByKeyword
    )
    {
        var matchedKeywords = new List<string>();
        int titleKeywords = 0;
        foreach (
            int keyword in Distinct(hit => hit.Field != JobField.Skill && includeByKeyword.Has(hit.Keyword, laneIndex))
        )
        {
            matchedKeywords.Add(search[keyword]);
            if (hits.Exists(hit => hit.Keyword == keyword && hit.Field == JobField.Title))
            {
                titleKeywords++;
            }
        }

        var evidence = new List<Evidence>();
        for (uint bits = (uint)reasons; bits != 0; bits &= bits - 1)
        {
            var reason = (Reason)(1 << BitOperations.TrailingZeroCount(bits));
            evidence.Add(Explain(lane, laneIndex, reason, negativeByKeyword));
        }

        int? score = null;
        if (reasons == Reason.None)
        {
            int skills = lane.SkillsAny.Union(lane.SkillsAll, StringComparer.Ordinal).Count(_jobSkills.Contains);
            score =
                (TitleKeywordPoints * titleKeywords)
                + (DescriptionKeywordPoints * (matchedKeywords.Count - titleKeywords))
                + (SkillPoints * skills)
                + (job.Client.PaymentVerified == true ? VerifiedClientPoints : 0);
        }

        return new Decision(
            job.Id,
            lane.Lane.Id,
            reasons == Reason.None,
            ReasonCodes.ToCodes(reasons),
            evidence,
            score,
            matchedKeywords
        );
    }

    private Evidence Explain(CompiledLane lane, int laneIndex, Reason reason, LaneBits negativeByKeyword)
    {
        string code = ReasonCodes.Code(reason);
        bool isFixed = job.Type == JobType.Fixed;
        string floorField = isFixed ? "minFixedBudget" : "minHourlyRate";
        JobClient client = job.Client;
        return reason switch
        {
            Reason.LaneDisabled => new(code, "enabled", [], "the lane is switched off"),
            Reason.JobTypeExcluded => new(
                code,
                "jobTypes",
                [Name(job.Type)],
                $"it is {Kind(job.Type)} job; the lane takes "
                    + $"{string.Join(" and ", lane.Lane.JobTypes.Select(Name))} jobs only"
            ),
            Reason.BudgetUnknown => new(
                code,
                floorField,
                [],
                $"the job gives no {(isFixed ? "fixed budget" : "hourly rate")}, and the lane skips jobs without one"
            ),
            Reason.BudgetBelowFloor => new(
                code,
                floorField,
                [Text(CompiledLane.BudgetAmount(job))],
                $"the {(isFixed ? "fixed budget" : "hourly rate")} of "
                    + $"{Money(CompiledLane.BudgetAmount(job), isFixed)} is below the lane's floor of "
                    + $"{Money(isFixed ? lane.Lane.MinFixedBudget : lane.Lane.MinHourlyRate, isFixed)}"
            ),
            Reason.MissingAnySkill => new(
                code,
                "skillsAny",
                lane.SkillsAny,
                $"the job lists none of the lane's skills ({string.Join(", ", lane.Lane.SkillsAny)})"
            ),
            Reason.MissingRequiredSkill => Missing(
                code,
                lane.SkillsAll.Where(skill => !_jobSkills.Contains(skill)).ToList(),
                lane.Lane.SkillsAll
            ),
            Reason.KeywordMissing => new(
                code,
                "includeKeywords",
                lane.IncludeKeywords,
                $"none of the lane's keywords ({string.Join(", ", lane.Lane.IncludeKeywords)}) is in the title or "
                    + $"description"
            ),
            Reason.NegativeKeyword => NegativeFound(code, laneIndex, negativeByKeyword),
            Reason.ExperienceMismatch => new(
                code,
                "experienceLevels",
                job.ExperienceLevel is ExperienceLevel level ? [Name(level)] : [],
                "the job asks for "
                    + (job.ExperienceLevel is ExperienceLevel asked ? Name(asked) + " level" : "no stated level")
                    + $"; the lane takes {string.Join(", ", lane.Lane.ExperienceLevels.Select(Name))}"
            ),
            Reason.ClientUnverified => new(
                code,
                "requirePaymentVerified",
                [],
                client.PaymentVerified is null
                    ? "the client's payment verification is unknown, and the lane asks for verified clients"
                    : "the client's payment is not verified, and the lane asks for verified clients"
            ),
            Reason.ClientSpentBelow => new(
                code,
                "minClientSpent",
                [Text(client.TotalSpent ?? 0)],
                $"the client has spent {Money(client.TotalSpent ?? 0, true)}, less than the lane's minimum of "
                    + $"{Money(lane.Lane.MinClientSpent, true)}"
            ),
            Reason.ClientRatingBelow => new(
                code,
                "minClientRating",
                client.Rating is null ? [] : [Text(client.Rating)],
                client.Rating is null
                    ? $"the client has no rating yet; the lane asks for at least {Text(lane.Lane.MinClientRating)}"
                    : $"the client's rating of {Text(client.Rating)} is below the lane's minimum of "
                        + $"{Text(lane.Lane.MinClientRating)}"
            ),
            Reason.ClientHiresBelow => new(
                code,
                "minClientHires",
                [Text(client.TotalHires ?? 0)],
                $"the client has made {Text(client.TotalHires ?? 0)} hires, fewer than the lane's minimum of "
                    + $"{Text(lane.Lane.MinClientHires)}"
            ),
            Reason.CountryExcluded => new(
                code,
                "countriesExclude",
                [TextNormalizer.Normalize(client.Country ?? "")],
                $"the client is in {client.Country}, a country the lane excludes"
            ),
            Reason.CountryNotIncluded => new(
                code,
                "countriesInclude",
                lane.CountriesInclude,
                client.Country is null
                    ? $"the client's country is unknown; the lane takes only "
                        + $"{string.Join(", ", lane.Lane.CountriesInclude)}"
                    : $"the client is in {client.Country}; the lane takes only "
                        + $"{string.Join(", ", lane.Lane.CountriesInclude)}"
            ),
            Reason.TooManyApplicants => new(
                code,
                "maxApplicants",
                [Text(job.TotalApplicants)],
                $"{Text(job.TotalApplicants)} people have applied, more than the lane's limit of "
                    + $"{Text(lane.Lane.MaxApplicants)}"
            ),
            Reason.TooOld => new(
                code,
                "maxAgeMinutes",
                [Text((long)(now - job.PublishedAt).TotalMinutes)],
                $"posted {Text((long)(now - job.PublishedAt).TotalMinutes)} minutes ago, older than the lane's "
                    + $"limit of {Text(lane.Lane.MaxAgeMinutes)} minutes"
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown reason"),
        };
    }

    // The lane's own spelling of each missing skill, for people; the normalized terms for tools.
    private static Evidence Missing(string code, List<string> missing, IReadOnlyList<string> spelled) =>
        new(
            code,
            "skillsAll",
            missing,
            $"the job does not list the required {(missing.Count == 1 ? "skill" : "skills")} "
                + string.Join(", ", spelled.Where(s => missing.Contains(TextNormalizer.Normalize(s))))
        );

    private Evidence NegativeFound(string code, int laneIndex, LaneBits negativeByKeyword)
    {
        List<string> found =
        [
            .. Distinct(hit => negativeByKeyword.Has(hit.Keyword, laneIndex)).Select(keyword => search[keyword]),
        ];
        IEnumerable<string> where = hits.Where(hit => negativeByKeyword.Has(hit.Keyword, laneIndex))
            .Select(hit => $"'{search[hit.Keyword]}' in the {hit.Field.ToString().ToLowerInvariant()}")
            .Distinct(StringComparer.Ordinal);
        return new(
            code,
            "negativeKeywords",
            found,
            $"it has the lane's negative {(found.Count == 1 ? "keyword" : "keywords")} {string.Join(", ", where)}"
        );
    }

    private IEnumerable<int> Distinct(Func<KeywordHit, bool> predicate) =>
        hits.Where(predicate).Select(static hit => hit.Keyword).Distinct();

    private static string Kind(JobType type) => type == JobType.Fixed ? "a fixed-price" : "an hourly";

    private static string Money(decimal? amount, bool isFixed) =>
        "$" + (amount ?? 0).ToString("#,0.##", CultureInfo.InvariantCulture) + (isFixed ? "" : "/h");

    private static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Text(IFormattable? value) => value?.ToString(null, CultureInfo.InvariantCulture) ?? "none";
}
