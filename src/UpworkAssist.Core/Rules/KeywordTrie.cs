using System.Numerics;
using System.Text;

namespace UpworkAssist.Core.Rules;

/// <summary>Receives each keyword occurrence that <see cref="KeywordTrie"/> finds.</summary>
internal interface IKeywordSink
{
    void Found(int keyword);
}

/// <summary>
/// Finds every occurrence, with RULES.md keyword boundaries, of a fixed set of normalized
/// keywords in normalized text, in one left-to-right pass. A keyword that starts with a letter
/// or digit can only start where a word starts, and any other keyword only at its own first
/// character, so a trie of all keywords is walked from those positions only (for ASCII, one
/// table look-up per character decides). The cost grows with the text and its words, not with the number of
/// keywords. Immutable after construction, so safe to share between threads.
/// </summary>
internal sealed class KeywordTrie
{
    private const int Root = 0;

    private readonly string[] _keywords;
    private readonly TransitionTable _transitions;

    // Per trie node: the keyword ending there, or -1.
    private readonly int[] _keywordAt;
    private readonly bool[] _endsWithWordChar;

    private readonly AsciiClass[] _asciiClass = new AsciiClass[128];

    /// <param name="keywords">Distinct, non-empty, already normalized keywords; a keyword's id is its index.</param>
    public KeywordTrie(IReadOnlyList<string> keywords)
    {
        _keywords = [.. keywords];
        _endsWithWordChar =
        [
            .. _keywords.Select(static keyword => WordBoundary.IsWordCharBefore(keyword, keyword.Length)),
        ];
        var keywordAt = new List<int> { -1 };
        var edges = new Dictionary<(int Node, char Char), int>();
        for (int id = 0; id < _keywords.Length; id++)
        {
            int node = Root;
            foreach (char c in _keywords[id])
            {
                if (!edges.TryGetValue((node, c), out int child))
                {
                    child = keywordAt.Count;
                    keywordAt.Add(-1);
                    edges[(node, c)] = child;
                }

                node = child;
            }

            keywordAt[node] = id;
        }

        _keywordAt = [.. keywordAt];
        _transitions = new TransitionTable(edges);
        foreach (string keyword in _keywords.Where(static keyword => keyword[0] < 128))
        {
            _asciiClass[keyword[0]] = AsciiClass.KeywordStart;
        }

        for (char c = '\0'; c < 128; c++)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                _asciiClass[c] = AsciiClass.WordChar;
            }
        }
    }

    public int Count => _keywords.Length;

    public string this[int id] => _keywords[id];

    public void FindAll<TSink>(scoped ReadOnlySpan<char> text, ref TSink sink)
        where TSink : IKeywordSink, allows ref struct
    {
        if (_keywords.Length == 0)
        {
            return;
        }

        bool afterWordChar = false;
        for (int i = 0; i < text.Length; )
        {
            char c = text[i];
            if (c < 128)
            {
                switch (_asciiClass[c])
                {
                    case AsciiClass.WordChar:
                        if (!afterWordChar)
                        {
                            Walk(text, i, ref sink);
                            afterWordChar = true;
                        }

                        break;
                    case AsciiClass.KeywordStart:
                        Walk(text, i, ref sink);
                        afterWordChar = false;
                        break;
                    default:
                        afterWordChar = false;
                        break;
                }

                i++;
                continue;
            }

            // Outside ASCII: decode the whole character, as the boundary rule speaks of characters.
            Rune.DecodeFromUtf16(text[i..], out Rune rune, out int length);
            bool isWordChar = Rune.IsLetterOrDigit(rune);
            if (!isWordChar || !afterWordChar)
            {
                Walk(text, i, ref sink);
            }

            afterWordChar = isWordChar;
            i += length;
        }
    }

    private void Walk<TSink>(scoped ReadOnlySpan<char> text, int start, ref TSink sink)
        where TSink : IKeywordSink, allows ref struct
    {
        int node = Root;
        for (int i = start; i < text.Length; i++)
        {
            node = _transitions.Next(node, text[i]);
            if (node < 0)
            {
                return;
            }

            int keyword = _keywordAt[node];
            if (keyword >= 0 && (!_endsWithWordChar[keyword] || !WordBoundary.IsWordCharAt(text, i + 1)))
            {
                sink.Found(keyword);
            }
        }
    }

    private enum AsciiClass : byte
    {
        /// <summary>Neither a letter or digit nor the first character of any keyword.</summary>
        Other,

        /// <summary>A letter or digit: keywords may start here only at the start of a word.</summary>
        WordChar,

        /// <summary>Not a letter or digit, but some keyword starts with it.</summary>
        KeywordStart,
    }

    /// <summary>The trie's edges in one open-addressing hash table keyed by (node, character).</summary>
    private sealed class TransitionTable
    {
        private readonly ulong[] _keys;
        private readonly int[] _children;
        private readonly int _shift;
        private readonly int[] _fromRootAscii = new int[128];

        public TransitionTable(Dictionary<(int Node, char Char), int> edges)
        {
            int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, edges.Count * 2));
            _shift = 64 - BitOperations.Log2((uint)size);
            _keys = new ulong[size];
            _children = new int[size];
            foreach (((int node, char c), int child) in edges)
            {
                ulong key = Key(node, c);
                int slot = Slot(key);
                while (_keys[slot] != 0)
                {
                    slot = (slot + 1) & (size - 1);
                }

                _keys[slot] = key;
                _children[slot] = child;
            }

            for (char c = '\0'; c < 128; c++)
            {
                _fromRootAscii[c] = edges.TryGetValue((Root, c), out int child) ? child : -1;
            }
        }

        public int Next(int node, char c)
        {
            if (node == Root && c < 128)
            {
                return _fromRootAscii[c];
            }

            ulong key = Key(node, c);
            int mask = _keys.Length - 1;
            for (int slot = Slot(key); ; slot = (slot + 1) & mask)
            {
                ulong found = _keys[slot];
                if (found == key)
                {
                    return _children[slot];
                }

                if (found == 0)
                {
                    return -1;
                }
            }
        }

        // +1 keeps every real key non-zero, so 0 marks an empty slot.
        private static ulong Key(int node, char c) => (((ulong)node << 16) | c) + 1;

        private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
    }
}
