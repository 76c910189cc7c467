using System.Buffers;
using UpworkAssist.Core.Rules;

namespace UpworkAssist.Benchmarks;

/// <summary>
/// The alternative keyword scan that the benchmarks compare with <c>KeywordTrie</c>, the one the
/// engine uses. Finds every occurrence, with RULES.md keyword boundaries, of a fixed set of normalized
/// keywords in normalized text. One vectorized multi-string search
/// (<see cref="SearchValues{T}"/>, Ordinal) finds candidate positions for all keywords at once;
/// the keywords starting there are then looked up by their first two characters, so the cost
/// grows with the text and the occurrences, not with the number of keywords.
/// Immutable after construction, so safe to share between threads.
/// </summary>
internal sealed class SearchValuesKeywordSearch
{
    private readonly string[] _keywords;
    private readonly SearchValues<string>? _values;
    private readonly Dictionary<char, int> _singleChar = [];
    private readonly Dictionary<int, int[]> _byFirstTwo;
    private readonly bool[] _endsWithWordChar;

    /// <param name="keywords">Distinct, non-empty, already normalized keywords; a keyword's id is its index.</param>
    public SearchValuesKeywordSearch(IReadOnlyList<string> keywords)
    {
        _keywords = [.. keywords];
        _endsWithWordChar = new bool[_keywords.Length];
        var byFirstTwo = new Dictionary<int, List<int>>();
        for (int id = 0; id < _keywords.Length; id++)
        {
            string keyword = _keywords[id];
            _endsWithWordChar[id] = WordBoundary.IsWordCharBefore(keyword, keyword.Length);
            if (keyword.Length == 1)
            {
                _singleChar[keyword[0]] = id;
                continue;
            }

            int key = PairKey(keyword[0], keyword[1]);
            if (!byFirstTwo.TryGetValue(key, out List<int>? ids))
            {
                byFirstTwo[key] = ids = [];
            }

            ids.Add(id);
        }

        _byFirstTwo = byFirstTwo.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
        _values = _keywords.Length == 0 ? null : SearchValues.Create(_keywords, StringComparison.Ordinal);
    }

    public int Count => _keywords.Length;

    public string this[int id] => _keywords[id];

    public void FindAll<TSink>(scoped ReadOnlySpan<char> text, ref TSink sink)
        where TSink : IKeywordSink, allows ref struct
    {
        if (_values is null)
        {
            return;
        }

        int position = 0;
        while (position < text.Length)
        {
            int offset = text[position..].IndexOfAny(_values);
            if (offset < 0)
            {
                return;
            }

            int at = position + offset;
            if (WordBoundary.IsWordCharAt(text, at) && WordBoundary.IsWordCharBefore(text, at))
            {
                // Every keyword starting here starts with a letter or digit and so needs a word
                // start; none can begin before this word ends.
                position = WordBoundary.SkipAsciiWord(text, at + 1);
                continue;
            }

            ReportAt(text, at, ref sink);
            position = at + 1;
        }
    }

    private void ReportAt<TSink>(scoped ReadOnlySpan<char> text, int at, ref TSink sink)
        where TSink : IKeywordSink, allows ref struct
    {
        ReadOnlySpan<char> rest = text[at..];
        if (_singleChar.TryGetValue(rest[0], out int single))
        {
            ReportIfBounded(text, at, single, ref sink);
        }

        if (rest.Length >= 2 && _byFirstTwo.TryGetValue(PairKey(rest[0], rest[1]), out int[]? ids))
        {
            foreach (int id in ids)
            {
                if (rest.StartsWith(_keywords[id], StringComparison.Ordinal))
                {
                    ReportIfBounded(text, at, id, ref sink);
                }
            }
        }
    }

    private void ReportIfBounded<TSink>(scoped ReadOnlySpan<char> text, int at, int id, ref TSink sink)
        where TSink : IKeywordSink, allows ref struct
    {
        if (!_endsWithWordChar[id] || !WordBoundary.IsWordCharAt(text, at + _keywords[id].Length))
        {
            sink.Found(id);
        }
    }

    private static int PairKey(char first, char second) => first | (second << 16);
}
