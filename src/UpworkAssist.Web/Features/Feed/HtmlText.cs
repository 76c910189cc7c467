using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// Turns a marketplace description (HTML tags and entities) into plain text, keeping paragraph breaks.
/// </summary>
/// <remarks>
/// <para>
/// What it does, in this order: a CR LF pair becomes LF. Tags: a script or style element goes
/// whole (up to its closing tag); a line-ending tag (<c>br</c>, and the ends of <c>p</c>,
/// <c>div</c>, <c>li</c>, <c>h1</c>–<c>h6</c>, <c>tr</c>) becomes a line break, a list item's
/// opening tag a bullet ("• "), any other tag nothing. A tag runs from <c>&lt;</c> to the next
/// <c>&gt;</c> and starts with a name, <c>/</c>, <c>!</c> or <c>?</c>: a <c>&lt;</c> before anything
/// else ("budget &lt; $500") or with no <c>&gt;</c> after it is text. Then entities are decoded
/// (so an encoded <c>&amp;lt;b&amp;gt;</c> stays as text). Then each line is trimmed, runs of
/// spaces, tabs, form feeds, vertical tabs and no-break spaces inside it become one space, empty
/// lines around the text go, and a run of empty lines between two lines becomes one.
/// </para>
/// <para>
/// One pass for the tags and one for the lines, not a regular expression per step: mapping a
/// page of postings spent most of its time here (docs/performance.md "Feed ingest"). Tags are
/// read left to right, each once, so markup that is broken in ways browsers themselves disagree
/// on (a <c>&lt;</c> inside a tag) may come out differently than a series of replacements would
/// have it; the text is only ever shown encoded, so that changes words, never safety.
/// </para>
/// </remarks>
public static class HtmlText
{
    private static readonly string[] LineEnds =
    [
        "br",
        "/p",
        "/div",
        "/li",
        "/h1",
        "/h2",
        "/h3",
        "/h4",
        "/h5",
        "/h6",
        "/tr",
    ];

    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }
        var text = html.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = WithoutTags(text);
        }
        if (text.Contains('&', StringComparison.Ordinal))
        {
            text = WebUtility.HtmlDecode(text);
        }
        return Lines(text);
    }

    private static string WithoutTags(string s)
    {
        var output = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var open = s.IndexOf('<', i);
            // No tag ends without a '>' after its '<': from the last '>' on, a '<' is text.
            var close = open < 0 ? -1 : s.IndexOf('>', open + 1);
            if (close < 0)
            {
                output.Append(s, i, s.Length - i);
                break;
            }
            if (!StartsTag(s, open))
            {
                // "budget < $500": text, as a browser reads it.
                output.Append(s, i, open + 1 - i);
                i = open + 1;
                continue;
            }
            output.Append(s, i, open - i);
            if (ElementEnd(s, open, close, "script") is { } script)
            {
                i = script;
                continue;
            }
            if (ElementEnd(s, open, close, "style") is { } style)
            {
                i = style;
                continue;
            }
            var name = open + 1;
            while (name < close && char.IsWhiteSpace(s[name]))
            {
                name++;
            }
            if (IsLineEnd(s, name))
            {
                output.Append('\n');
            }
            else if (NameAt(s, name, "li"))
            {
                output.Append("• ");
            }
            i = close + 1;
        }
        return output.ToString();
    }

    private static bool IsLineEnd(string s, int name)
    {
        foreach (var end in LineEnds)
        {
            if (NameAt(s, name, end))
            {
                return true;
            }
        }
        return false;
    }

    // A '<' opens a tag when a name, '/', '!' or '?' follows it (spaces allowed before them).
    private static bool StartsTag(string s, int open)
    {
        var at = open + 1;
        while (at < s.Length && char.IsWhiteSpace(s[at]))
        {
            at++;
        }
        return at < s.Length && (char.IsLetter(s[at]) || s[at] is '/' or '!' or '?');
    }

    // The end of a script or style element whose opening tag is s[open..close], after its closing
    // tag (`</script >`, any case); null when the tag is another or the element never closes.
    private static int? ElementEnd(string s, int open, int close, string name)
    {
        if (!NameAt(s, open + 1, name))
        {
            return null;
        }
        for (
            var at = s.IndexOf("</", close + 1, StringComparison.Ordinal);
            at >= 0;
            at = s.IndexOf("</", at + 2, StringComparison.Ordinal)
        )
        {
            if (string.Compare(s, at + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) != 0)
            {
                continue;
            }
            var end = at + 2 + name.Length;
            while (end < s.Length && char.IsWhiteSpace(s[end]))
            {
                end++;
            }
            if (end < s.Length && s[end] == '>')
            {
                return end + 1;
            }
        }
        return null;
    }

    // A tag name at s[at..], any case, that ends there: the next character is no word character.
    private static bool NameAt(string s, int at, string name) =>
        at + name.Length <= s.Length
        && string.Compare(s, at, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (at + name.Length == s.Length || !IsWordChar(s[at + name.Length]));

    // What a regular expression's \b counts as a word character (\w, and the zero-width joiners).
    private static bool IsWordChar(char c) =>
        c is '_' or '\u200C' or '\u200D'
        || CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter
            or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.ConnectorPunctuation => true,
            _ => false,
        };

    private static readonly SearchValues<char> Spaces = SearchValues.Create(" \t\f\v\u00A0");

    // Each line trimmed with its inner runs of spaces made one; at most one empty line between two
    // lines, none before the first or after the last.
    private static string Lines(string s)
    {
        var output = new StringBuilder(s.Length);
        var emptyBefore = false;
        var start = 0;
        while (start <= s.Length)
        {
            var end = s.IndexOf('\n', start);
            if (end < 0)
            {
                end = s.Length;
            }
            var from = start;
            var to = end;
            while (from < to && char.IsWhiteSpace(s[from]))
            {
                from++;
            }
            while (to > from && char.IsWhiteSpace(s[to - 1]))
            {
                to--;
            }
            if (from == to)
            {
                emptyBefore = output.Length > 0;
            }
            else
            {
                if (output.Length > 0)
                {
                    output.Append(emptyBefore ? "\n\n" : "\n");
                }
                emptyBefore = false;
                // Runs of spaces inside the line become one (the line's ends hold none).
                for (var k = from; k < to; )
                {
                    var run = s.AsSpan(k, to - k).IndexOfAny(Spaces);
                    if (run < 0)
                    {
                        output.Append(s, k, to - k);
                        break;
                    }
                    output.Append(s, k, run).Append(' ');
                    k += run;
                    while (k < to && Spaces.Contains(s[k]))
                    {
                        k++;
                    }
                }
            }
            start = end + 1;
        }
        return output.ToString();
    }
}
