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

    private readonly HashSet<string> _jobSkills = new(job.Skills.Select(TextNormalizer.Normalize), StringComparer.Ordinal);

    public Decision Explain(CompiledLane lane, int laneIndex, Reason reasons, LaneBits includeByKeyword, LaneBits negativeByKeyword)
    {
        var matchedKeywords = new List<string>();
        int titleKeywords = 0;
        foreach (int keyword in Distinct(hit => hit.Field != JobField.Skill && includeByKeyword.Has(hit.Keyword, laneIndex)))
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
            score = (TitleKeywordPoints * titleKeywords)
                + (DescriptionKeywordPoints * (matchedKeywords.Count - titleKeywords))
                + (SkillPoints * skills)
                + (job.Client.PaymentVerified == true ? VerifiedClientPoints : 0);
        }

        return new Decision(job.Id, lane.Lane.Id, reasons == Reason.None, ReasonCodes.ToCodes(reasons), evidence, score, matchedKeywords);
    }

    private Evidence Explain(CompiledLane lane, int laneIndex, Reason reason, LaneBits negativeByKeyword)
    {
        string code = ReasonCodes.Code(reason);
        bool isFixed = job.Type == JobType.Fixed;
        string floorField = isFixed ? "minFixedBudget" : "minHourlyRate";
        JobClient client = job.Client;
        return reason switch
        {
            Reason.LaneDisabled => new(code, "enabled", [], "the lane is disabled"),
            Reason.JobTypeExcluded => new(code, "jobTypes", [Name(job.Type)], $"the job is {Name(job.Type)}, the lane takes {string.Join(", ", lane.Lane.JobTypes.Select(Name))}"),
            Reason.BudgetUnknown => new(code, floorField, [], $"the job states no {(isFixed ? "fixed budget" : "hourly rate")} and the lane does not allow an unknown budget"),
            Reason.BudgetBelowFloor => new(code, floorField, [Text(CompiledLane.BudgetAmount(job))],
                $"{(isFixed ? "fixed budget" : "hourly rate")} {Text(CompiledLane.BudgetAmount(job))} is below {floorField} {Text(isFixed ? lane.Lane.MinFixedBudget : lane.Lane.MinHourlyRate)}"),
            Reason.MissingAnySkill => new(code, "skillsAny", lane.SkillsAny, "the job lists none of these skills"),
            Reason.MissingRequiredSkill => Missing(code, lane.SkillsAll.Where(skill => !_jobSkills.Contains(skill)).ToList()),
            Reason.KeywordMissing => new(code, "includeKeywords", lane.IncludeKeywords, "none of these keywords occurs in the title or description"),
            Reason.NegativeKeyword => NegativeFound(code, laneIndex, negativeByKeyword),
            Reason.ExperienceMismatch => new(code, "experienceLevels", job.ExperienceLevel is ExperienceLevel level ? [Name(level)] : [],
                $"the job asks for {(job.ExperienceLevel is ExperienceLevel asked ? Name(asked) : "no stated level")}, the lane takes {string.Join(", ", lane.Lane.ExperienceLevels.Select(Name))}"),
            Reason.ClientUnverified => new(code, "requirePaymentVerified", [], client.PaymentVerified is null ? "the client's payment verification is unknown" : "the client's payment is not verified"),
            Reason.ClientSpentBelow => new(code, "minClientSpent", [Text(client.TotalSpent ?? 0)], $"the client has spent {Text(client.TotalSpent ?? 0)}, less than {Text(lane.Lane.MinClientSpent)}"),
            Reason.ClientRatingBelow => new(code, "minClientRating", client.Rating is null ? [] : [Text(client.Rating)],
                client.Rating is null ? "the client has no rating" : $"the client's rating {Text(client.Rating)} is below {Text(lane.Lane.MinClientRating)}"),
            Reason.ClientHiresBelow => new(code, "minClientHires", [Text(client.TotalHires ?? 0)], $"the client has {Text(client.TotalHires ?? 0)} hires, fewer than {Text(lane.Lane.MinClientHires)}"),
            Reason.CountryExcluded => new(code, "countriesExclude", [TextNormalizer.Normalize(client.Country ?? "")], $"the client is in {client.Country}"),
            Reason.CountryNotIncluded => new(code, "countriesInclude", lane.CountriesInclude, client.Country is null ? "the client's country is unknown" : $"the client is in {client.Country}"),
            Reason.TooManyApplicants => new(code, "maxApplicants", [Text(job.TotalApplicants)], $"{Text(job.TotalApplicants)} applicants, more than {Text(lane.Lane.MaxApplicants)}"),
            Reason.TooOld => new(code, "maxAgeMinutes", [Text((long)(now - job.PublishedAt).TotalMinutes)], $"published {Text((long)(now - job.PublishedAt).TotalMinutes)} minutes before now, more than {Text(lane.Lane.MaxAgeMinutes)}"),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown reason"),
        };
    }

    private static Evidence Missing(string code, List<string> missing) =>
        new(code, "skillsAll", missing, "the job does not list these required skills");

    private Evidence NegativeFound(string code, int laneIndex, LaneBits negativeByKeyword)
    {
        List<string> found = [.. Distinct(hit => negativeByKeyword.Has(hit.Keyword, laneIndex)).Select(keyword => search[keyword])];
        IEnumerable<string> where = hits
            .Where(hit => negativeByKeyword.Has(hit.Keyword, laneIndex))
            .Select(hit => $"'{search[hit.Keyword]}' in the {hit.Field.ToString().ToLowerInvariant()}")
            .Distinct(StringComparer.Ordinal);
        return new(code, "negativeKeywords", found, $"found {string.Join(", ", where)}");
    }

    private IEnumerable<int> Distinct(Func<KeywordHit, bool> predicate) =>
        hits.Where(predicate).Select(static hit => hit.Keyword).Distinct();

    private static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Text(IFormattable? value) => value?.ToString(null, CultureInfo.InvariantCulture) ?? "none";
}
