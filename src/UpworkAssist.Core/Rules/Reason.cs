using System.Numerics;

namespace UpworkAssist.Core.Rules;

/// <summary>
/// The failing rules of one (job, lane) pair as bit flags. Bits are ordered like the codes'
/// ordinal string order, so reading bits from low to high gives the codes sorted as RULES.md asks.
/// </summary>
[Flags]
public enum Reason
{
    None = 0,
    BudgetBelowFloor = 1 << 0,
    BudgetUnknown = 1 << 1,
    ClientHiresBelow = 1 << 2,
    ClientRatingBelow = 1 << 3,
    ClientSpentBelow = 1 << 4,
    ClientUnverified = 1 << 5,
    CountryExcluded = 1 << 6,
    CountryNotIncluded = 1 << 7,
    ExperienceMismatch = 1 << 8,
    JobTypeExcluded = 1 << 9,
    KeywordMissing = 1 << 10,
    LaneDisabled = 1 << 11,
    MissingAnySkill = 1 << 12,
    MissingRequiredSkill = 1 << 13,
    NegativeKeyword = 1 << 14,
    TooManyApplicants = 1 << 15,
    TooOld = 1 << 16,
}

/// <summary>The reason codes of RULES.md, as strings.</summary>
public static class ReasonCodes
{
    /// <summary>Every code, index i naming bit i of <see cref="Reason"/>; sorted ordinal.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "budget_below_floor",
        "budget_unknown",
        "client_hires_below",
        "client_rating_below",
        "client_spent_below",
        "client_unverified",
        "country_excluded",
        "country_not_included",
        "experience_mismatch",
        "job_type_excluded",
        "keyword_missing",
        "lane_disabled",
        "missing_any_skill",
        "missing_required_skill",
        "negative_keyword",
        "too_many_applicants",
        "too_old",
    ];

    /// <summary>The code of one single flag, e.g. "negative_keyword".</summary>
    public static string Code(Reason reason)
    {
        if (reason == Reason.None || !BitOperations.IsPow2((uint)reason) || (uint)reason > (uint)Reason.TooOld)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "expected exactly one reason flag");
        }

        return All[BitOperations.TrailingZeroCount((uint)reason)];
    }

    /// <summary>The codes of every set flag, sorted ordinal, without duplicates.</summary>
    public static IReadOnlyList<string> ToCodes(Reason reasons)
    {
        var codes = new List<string>(BitOperations.PopCount((uint)reasons));
        for (uint bits = (uint)reasons; bits != 0; bits &= bits - 1)
        {
            codes.Add(All[BitOperations.TrailingZeroCount(bits)]);
        }

        return codes;
    }
}
