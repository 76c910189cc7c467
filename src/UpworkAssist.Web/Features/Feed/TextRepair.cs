using System.Globalization;
using System.Text;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// Makes outside text storable: every lone UTF-16 surrogate and every NUL becomes U+FFFD. Text that
/// needs nothing is returned as the same instance, so callers can tell a repair happened.
/// </summary>
public static class Utf16
{
    public const char Replacement = '\uFFFD';

    public static string Repair(string s)
    {
        var bad = FirstBad(s);
        if (bad < 0)
        {
            return s;
        }
        var chars = s.ToCharArray();
        for (var i = bad; i < chars.Length; i++)
        {
            if (chars[i] == '\0')
            {
                chars[i] = Replacement;
            }
            else if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = Replacement;
            }
        }
        return new string(chars);
    }

    public static bool IsValid(string s) => FirstBad(s) < 0;

    // Vectorised searches for NUL and for the surrogate range; a pair is stepped over. Every posting's
    // text passes through here, most of it needing nothing.
    private static int FirstBad(string s)
    {
        var nul = s.IndexOf('\0', StringComparison.Ordinal);
        var end = nul < 0 ? s.Length : nul;
        var i = s.AsSpan(0, end).IndexOfAnyInRange('\uD800', '\uDFFF');
        while (i >= 0)
        {
            if (!char.IsHighSurrogate(s[i]) || i + 1 >= end || !char.IsLowSurrogate(s[i + 1]))
            {
                return i;
            }
            var next = s.AsSpan(i + 2, end - i - 2).IndexOfAnyInRange('\uD800', '\uDFFF');
            i = next < 0 ? -1 : i + 2 + next;
        }
        return nul;
    }
}

/// <summary>
/// Decodes a JSON string literal (with its quotes) to UTF-16 code units as written, lone surrogates
/// included: System.Text.Json refuses to hand those out as a string.
/// </summary>
public static class JsonStrings
{
    public static string Unescape(string literal)
    {
        var s = literal.Length >= 2 && literal[0] == '"' && literal[^1] == '"' ? literal[1..^1] : literal;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c != '\\' || i + 1 >= s.Length)
            {
                sb.Append(c);
                continue;
            }
            var e = s[++i];
            switch (e)
            {
                case 'b':
                    sb.Append('\b');
                    break;
                case 'f':
                    sb.Append('\f');
                    break;
                case 'n':
                    sb.Append('\n');
                    break;
                case 'r':
                    sb.Append('\r');
                    break;
                case 't':
                    sb.Append('\t');
                    break;
                case 'u'
                    when i + 4 < s.Length
                        && ushort.TryParse(
                            s.AsSpan(i + 1, 4),
                            NumberStyles.AllowHexSpecifier,
                            CultureInfo.InvariantCulture,
                            out var code
                        ):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    sb.Append(e);
                    break; // \" \\ \/
            }
        }
        return sb.ToString();
    }
}
