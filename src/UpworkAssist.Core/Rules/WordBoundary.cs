using System.Buffers;
using System.Text;

namespace UpworkAssist.Core.Rules;

/// <summary>
/// The "letter or digit" test of RULES.md keyword boundaries (Unicode categories L* and Nd),
/// on whole characters: a letter outside the BMP is one character, not two surrogates.
/// </summary>
internal static class WordBoundary
{
    private static readonly SearchValues<char> AsciiLettersAndDigits = SearchValues.Create(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    );

    /// <summary>
    /// Whether the character starting at <paramref name="index"/> is a letter or digit (false past the end).
    /// </summary>
    public static bool IsWordCharAt(ReadOnlySpan<char> text, int index)
    {
        if ((uint)index >= (uint)text.Length)
        {
            return false;
        }

        char c = text[index];
        if (char.IsAscii(c))
        {
            return char.IsAsciiLetterOrDigit(c);
        }

        Rune.DecodeFromUtf16(text[index..], out Rune rune, out _);
        return Rune.IsLetterOrDigit(rune);
    }

    /// <summary>
    /// Whether the character ending just before <paramref name="index"/> is a letter or digit (false at the start).
    /// </summary>
    public static bool IsWordCharBefore(ReadOnlySpan<char> text, int index)
    {
        if (index <= 0)
        {
            return false;
        }

        char c = text[index - 1];
        if (char.IsAscii(c))
        {
            return char.IsAsciiLetterOrDigit(c);
        }

        Rune.DecodeLastFromUtf16(text[..index], out Rune rune, out _);
        return Rune.IsLetterOrDigit(rune);
    }

    /// <summary>
    /// The index of the first character at or after <paramref name="from"/> that is not an ASCII letter or digit.
    /// </summary>
    public static int SkipAsciiWord(ReadOnlySpan<char> text, int from)
    {
        int offset = text[from..].IndexOfAnyExcept(AsciiLettersAndDigits);
        return offset < 0 ? text.Length : from + offset;
    }
}
