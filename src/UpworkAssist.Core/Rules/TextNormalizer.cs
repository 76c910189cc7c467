using System.Buffers;
using System.Text;

namespace UpworkAssist.Core.Rules;

/// <summary>
/// The one text normalization of RULES.md: Unicode NFKC, lower-case (invariant), every run
/// of white space to one space, trim. Skills, countries, keywords and searched text all go
/// through it, so equality and keyword search agree everywhere.
/// </summary>
public static class TextNormalizer
{
    // ASCII white space other than ' ': when none of these and no double space occur, only trimming is left.
    private static readonly SearchValues<char> OddAsciiWhiteSpace = SearchValues.Create("\t\n\v\f\r");

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var normalized = new NormalizedText(text, stackalloc char[256]);
        return normalized.Span.SequenceEqual(text) ? text : new string(normalized.Span);
    }

    /// <summary>
    /// Normalizes into <paramref name="buffer"/> when it is large enough (ASCII text always fits:
    /// normalization never lengthens it); otherwise rents a larger array, returned in
    /// <paramref name="rented"/> for the caller to give back to <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    internal static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> text, Span<char> buffer, out char[]? rented)
    {
        rented = null;
        if (Ascii.IsValid(text))
        {
            // NFKC leaves ASCII unchanged, so only lower-casing and white space remain.
            Span<char> lower = buffer[..text.Length];
            Ascii.ToLower(text, lower, out _);
            return CollapseWhiteSpace(lower);
        }

        string composed = new string(text).Normalize(NormalizationForm.FormKC);
        if (composed.Length > buffer.Length)
        {
            rented = ArrayPool<char>.Shared.Rent(composed.Length);
            buffer = rented;
        }

        Span<char> target = buffer[..composed.Length];
        composed.AsSpan().ToLowerInvariant(target);
        return CollapseWhiteSpace(target);
    }

    /// <summary>Collapses white-space runs to one space and trims, in place.</summary>
    private static Span<char> CollapseWhiteSpace(Span<char> text)
    {
        ReadOnlySpan<char> view = text;
        if (
            Ascii.IsValid(view)
            && view.IndexOfAny(OddAsciiWhiteSpace) < 0
            && view.IndexOf("  ", StringComparison.Ordinal) < 0
        )
        {
            int start = view.Length > 0 && view[0] == ' ' ? 1 : 0;
            int end = view.Length > start && view[^1] == ' ' ? view.Length - 1 : view.Length;
            return text[start..end];
        }

        int written = 0;
        bool pendingSpace = false;
        foreach (char c in view)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = written > 0;
                continue;
            }

            if (pendingSpace)
            {
                text[written++] = ' ';
                pendingSpace = false;
            }

            text[written++] = c;
        }

        return text[..written];
    }
}

/// <summary>
/// The normalized form of a text without allocating a string: in the caller's stack buffer when
/// it fits, else in a pooled array given back on <see cref="Dispose"/>.
/// </summary>
internal ref struct NormalizedText
{
    private char[]? _rented;
    private char[]? _grown;

    public NormalizedText(string text, Span<char> stackBuffer)
    {
        Span<char> buffer =
            text.Length <= stackBuffer.Length ? stackBuffer : (_rented = ArrayPool<char>.Shared.Rent(text.Length));
        Span = TextNormalizer.Normalize(text, buffer, out _grown);
    }

    public ReadOnlySpan<char> Span { get; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
            _rented = null;
        }

        if (_grown is not null)
        {
            ArrayPool<char>.Shared.Return(_grown);
            _grown = null;
        }
    }
}
