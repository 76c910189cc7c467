using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;

namespace UpworkAssist.Core.Tests.Rules;

/// <summary>
/// RULES.md read as literally and simply as possible: no compilation, no bitsets, no trie, a
/// brute-force search at every position. The property test holds the real engine to it.
/// </summary>
internal static partial class ReferenceEngine
{
    public static List<string> Reasons(LaneDefinition lane, Job job, DateTimeOffset now)
    {
        var reasons = new List<string>();
        void FailIf(bool condition, string code)
        {
            if (condition)
            {
                reasons.Add(code);
            }
        }

        FailIf(!lane.Enabled, "lane_disabled");
        FailIf(lane.JobTypes.Count > 0 && !lane.JobTypes.Contains(job.Type), "job_type_excluded");

        decimal? floor = job.Type == JobType.Fixed ? lane.MinFixedBudget : lane.MinHourlyRate;
        decimal? amount =
            job.Type == JobType.Fixed ? (job.FixedBudget is > 0 ? job.FixedBudget : null)
            : job.HourlyMax is > 0 ? job.HourlyMax
            : job.HourlyMin is > 0 ? job.HourlyMin
            : null;
        FailIf(floor is not null && amount is null && !lane.AllowUnknownBudget, "budget_unknown");
        FailIf(floor is not null && amount is not null && amount < floor, "budget_below_floor");

        FailIf(
            lane.SkillsAny.Count > 0 && !job.Skills.Any(skill => lane.SkillsAny.Any(wanted => Same(skill, wanted))),
            "missing_any_skill"
        );
        FailIf(
            lane.SkillsAll.Count > 0 && lane.SkillsAll.Any(wanted => !job.Skills.Any(skill => Same(skill, wanted))),
            "missing_required_skill"
        );
        FailIf(
            lane.IncludeKeywords.Count > 0
                && !lane.IncludeKeywords.Any(k => Occurs(k, job.Title) || Occurs(k, job.Description)),
            "keyword_missing"
        );
        FailIf(
            lane.NegativeKeywords.Any(k =>
                Occurs(k, job.Title) || Occurs(k, job.Description) || job.Skills.Any(skill => Occurs(k, skill))
            ),
            "negative_keyword"
        );
        FailIf(
            lane.ExperienceLevels.Count > 0
                && (job.ExperienceLevel is null || !lane.ExperienceLevels.Contains(job.ExperienceLevel.Value)),
            "experience_mismatch"
        );
        FailIf(lane.RequirePaymentVerified && job.Client.PaymentVerified != true, "client_unverified");
        FailIf(
            lane.MinClientSpent is not null && (job.Client.TotalSpent ?? 0) < lane.MinClientSpent,
            "client_spent_below"
        );
        FailIf(
            lane.MinClientRating is not null && (job.Client.Rating is null || job.Client.Rating < lane.MinClientRating),
            "client_rating_below"
        );
        FailIf(
            lane.MinClientHires is not null && (job.Client.TotalHires ?? 0) < lane.MinClientHires,
            "client_hires_below"
        );
        FailIf(
            job.Client.Country is not null && lane.CountriesExclude.Any(c => Same(c, job.Client.Country)),
            "country_excluded"
        );
        FailIf(
            lane.CountriesInclude.Count > 0
                && (job.Client.Country is null || !lane.CountriesInclude.Any(c => Same(c, job.Client.Country))),
            "country_not_included"
        );
        FailIf(
            lane.MaxApplicants is not null
                && job.TotalApplicants is not null
                && job.TotalApplicants > lane.MaxApplicants,
            "too_many_applicants"
        );
        FailIf(
            lane.MaxAgeMinutes is not null && now - job.PublishedAt > TimeSpan.FromMinutes(lane.MaxAgeMinutes.Value),
            "too_old"
        );

        reasons.Sort(StringComparer.Ordinal);
        return reasons;
    }

    public static string Normalize(string text) =>
        WhiteSpace()
            .Replace(text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture), " ")
            .Trim();

    public static bool Occurs(string keyword, string text)
    {
        string k = Normalize(keyword),
            t = Normalize(text);
        for (int i = 0; i + k.Length <= t.Length; i++)
        {
            if (string.CompareOrdinal(t, i, k, 0, k.Length) != 0)
            {
                continue;
            }

            bool boundaryBefore = !IsLetterOrDigit(k, 0) || i == 0 || !IsLetterOrDigit(t, PreviousCharStart(t, i));
            bool boundaryAfter =
                !IsLetterOrDigit(k, PreviousCharStart(k, k.Length))
                || i + k.Length == t.Length
                || !IsLetterOrDigit(t, i + k.Length);
            if (boundaryBefore && boundaryAfter)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Same(string a, string b) => Normalize(a) == Normalize(b);

    private static bool IsLetterOrDigit(string s, int index) => Rune.IsLetterOrDigit(Rune.GetRuneAt(s, index));

    private static int PreviousCharStart(string s, int index) =>
        index >= 2 && char.IsSurrogatePair(s[index - 2], s[index - 1]) ? index - 2 : index - 1;

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
