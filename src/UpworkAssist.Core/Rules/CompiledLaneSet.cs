using System.Collections.Frozen;
using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;

namespace UpworkAssist.Core.Rules;

/// <summary>Where in a job a keyword was found.</summary>
internal enum JobField
{
    Title,
    Description,
    Skill,
}

internal readonly record struct KeywordHit(int Keyword, JobField Field);

/// <summary>
/// A set of lanes compiled once, then used to evaluate jobs against all of them at once
/// (RULES.md "Decision"). Every lane's keywords go into one multi-string search; each found
/// keyword ORs a row of per-lane bits, and skills and countries are looked up by their
/// normalized form, so a job costs time in proportion to its text, not to the number of
/// keywords or lanes. Immutable after <see cref="Compile"/>: share one instance between threads.
/// </summary>
public sealed class CompiledLaneSet
{
    private readonly CompiledLane[] _lanes;
    private readonly KeywordTrie _search;
    private readonly LaneBits _includeByKeyword;
    private readonly LaneBits _negativeByKeyword;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _skillIds;
    private readonly LaneBits _anyBySkill;
    private readonly int[][] _allLanesBySkill;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _countryIds;
    private readonly LaneBits _includeByCountry;
    private readonly LaneBits _excludeByCountry;

    private CompiledLaneSet(IReadOnlyList<LaneDefinition> lanes)
    {
        _lanes = [.. lanes.Select(static lane => new CompiledLane(lane))];
        Lanes = [.. lanes];

        var keywords = new Terms();
        var skills = new Terms();
        var countries = new Terms();
        foreach (CompiledLane lane in _lanes)
        {
            keywords.AddAll(lane.IncludeKeywords);
            keywords.AddAll(lane.NegativeKeywords);
            skills.AddAll(lane.SkillsAny);
            skills.AddAll(lane.SkillsAll);
            countries.AddAll(lane.CountriesInclude);
            countries.AddAll(lane.CountriesExclude);
        }

        _search = new KeywordTrie(keywords.List);
        _includeByKeyword = keywords.Bits(_lanes, static lane => lane.IncludeKeywords);
        _negativeByKeyword = keywords.Bits(_lanes, static lane => lane.NegativeKeywords);
        _skillIds = skills.Lookup();
        _anyBySkill = skills.Bits(_lanes, static lane => lane.SkillsAny);
        _allLanesBySkill =
        [
            .. skills.List.Select(skill =>
                Enumerable
                    .Range(0, _lanes.Length)
                    .Where(i => _lanes[i].SkillsAll.Contains(skill, StringComparer.Ordinal))
                    .ToArray()
            ),
        ];
        _countryIds = countries.Lookup();
        _includeByCountry = countries.Bits(_lanes, static lane => lane.CountriesInclude);
        _excludeByCountry = countries.Bits(_lanes, static lane => lane.CountriesExclude);
    }

    /// <summary>The lanes, in the order given to <see cref="Compile"/>; results follow this order.</summary>
    public IReadOnlyList<LaneDefinition> Lanes { get; }

    public int Count => _lanes.Length;

    /// <summary>Compiles valid lanes; throws <see cref="InvalidInputException"/> with every error otherwise.</summary>
    public static CompiledLaneSet Compile(IReadOnlyList<LaneDefinition> lanes)
    {
        ArgumentNullException.ThrowIfNull(lanes);
        IReadOnlyList<ValidationError> errors = LaneValidator.Validate(lanes);
        return errors.Count > 0 ? throw new InvalidInputException(errors) : new CompiledLaneSet(lanes);
    }

    /// <summary>
    /// The fast path: writes the failing rules of <paramref name="job"/> for each lane into
    /// <paramref name="reasons"/> (lane order; <see cref="Reason.None"/> means matched).
    /// </summary>
    public void Evaluate(Job job, DateTimeOffset now, Span<Reason> reasons)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfLessThan(reasons.Length, _lanes.Length, nameof(reasons));
        Evaluate(job, now, reasons, hits: null);
    }

    /// <summary>Full decisions, with evidence and score, for every lane in lane order.</summary>
    public IReadOnlyList<Decision> Evaluate(Job job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var reasons = new Reason[_lanes.Length];
        var hits = new List<KeywordHit>();
        Evaluate(job, now, reasons, hits);
        var explainer = new Explainer(job, now, _search, hits);
        var decisions = new Decision[_lanes.Length];
        for (int i = 0; i < _lanes.Length; i++)
        {
            decisions[i] = explainer.Explain(_lanes[i], i, reasons[i], _includeByKeyword, _negativeByKeyword);
        }

        return decisions;
    }

    private void Evaluate(Job job, DateTimeOffset now, Span<Reason> reasons, List<KeywordHit>? hits)
    {
        int words = _includeByKeyword.Words;
        Span<ulong> bits = words <= 8 ? stackalloc ulong[5 * 8] : new ulong[5 * words];
        Span<ulong> included = bits.Slice(0, words);
        Span<ulong> negative = bits.Slice(words, words);
        Span<ulong> anySkill = bits.Slice(2 * words, words);
        Span<ulong> countryIn = bits.Slice(3 * words, words);
        Span<ulong> countryOut = bits.Slice(4 * words, words);
        Span<int> allSkillCounts = _lanes.Length <= 256 ? stackalloc int[256] : new int[_lanes.Length];

        var sink = new HitSink(_includeByKeyword, _negativeByKeyword, included, negative, hits);
        Scan(job.Title, JobField.Title, ref sink);
        Scan(job.Description, JobField.Description, ref sink);
        MatchSkills(job.Skills, ref sink, anySkill, allSkillCounts);
        if (job.Client.Country is string country)
        {
            using var normalized = new NormalizedText(country, stackalloc char[128]);
            if (_countryIds.TryGetValue(normalized.Span, out int id))
            {
                _includeByCountry.OrInto(id, countryIn);
                _excludeByCountry.OrInto(id, countryOut);
            }
        }

        for (int i = 0; i < _lanes.Length; i++)
        {
            CompiledLane lane = _lanes[i];
            Reason reason = lane.EvaluateScalars(job, now);
            if (lane.SkillsAny.Length > 0 && !LaneBits.Has(anySkill, i))
            {
                reason |= Reason.MissingAnySkill;
            }

            if (allSkillCounts[i] < lane.SkillsAll.Length)
            {
                reason |= Reason.MissingRequiredSkill;
            }

            if (lane.IncludeKeywords.Length > 0 && !LaneBits.Has(included, i))
            {
                reason |= Reason.KeywordMissing;
            }

            if (LaneBits.Has(negative, i))
            {
                reason |= Reason.NegativeKeyword;
            }

            if (LaneBits.Has(countryOut, i))
            {
                reason |= Reason.CountryExcluded;
            }

            if (lane.CountriesInclude.Length > 0 && !LaneBits.Has(countryIn, i))
            {
                reason |= Reason.CountryNotIncluded;
            }

            reasons[i] = reason;
        }
    }

    private void Scan(string text, JobField field, ref HitSink sink)
    {
        using var normalized = new NormalizedText(text, stackalloc char[512]);
        sink.Field = field;
        _search.FindAll(normalized.Span, ref sink);
    }

    private void MatchSkills(
        IReadOnlyList<string> skills,
        ref HitSink sink,
        Span<ulong> anySkill,
        Span<int> allSkillCounts
    )
    {
        sink.Field = JobField.Skill;
        Span<int> seen = skills.Count <= 64 ? stackalloc int[64] : new int[skills.Count];
        int seenCount = 0;
        Span<char> buffer = stackalloc char[128];
        foreach (string skill in skills)
        {
            using var normalized = new NormalizedText(skill, buffer);
            _search.FindAll(normalized.Span, ref sink);
            if (!_skillIds.TryGetValue(normalized.Span, out int id) || seen[..seenCount].Contains(id))
            {
                continue;
            }

            seen[seenCount++] = id;
            _anyBySkill.OrInto(id, anySkill);
            foreach (int lane in _allLanesBySkill[id])
            {
                allSkillCounts[lane]++;
            }
        }
    }

    /// <summary>
    /// ORs each found keyword's lanes into the job's accumulators, and logs the hit for evidence when asked.
    /// </summary>
    private ref struct HitSink(
        LaneBits includeByKeyword,
        LaneBits negativeByKeyword,
        Span<ulong> included,
        Span<ulong> negative,
        List<KeywordHit>? hits
    ) : IKeywordSink
    {
        private readonly Span<ulong> _included = included;
        private readonly Span<ulong> _negative = negative;

        public JobField Field { get; set; }

        public readonly void Found(int keyword)
        {
            // RULES.md: include keywords count in the title and description only; negative ones also in skills.
            if (Field != JobField.Skill)
            {
                includeByKeyword.OrInto(keyword, _included);
            }

            negativeByKeyword.OrInto(keyword, _negative);
            hits?.Add(new KeywordHit(keyword, Field));
        }
    }

    /// <summary>Distinct normalized terms numbered in order of first appearance.</summary>
    private sealed class Terms
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

        public List<string> List { get; } = [];

        public void AddAll(IEnumerable<string> terms)
        {
            foreach (string term in terms)
            {
                if (_ids.TryAdd(term, List.Count))
                {
                    List.Add(term);
                }
            }
        }

        public LaneBits Bits(CompiledLane[] lanes, Func<CompiledLane, string[]> termsOf)
        {
            var bits = new LaneBits(List.Count, lanes.Length);
            for (int lane = 0; lane < lanes.Length; lane++)
            {
                foreach (string term in termsOf(lanes[lane]))
                {
                    bits.Set(_ids[term], lane);
                }
            }

            return bits;
        }

        public FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup() =>
            _ids.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
