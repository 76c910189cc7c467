using System.Net;
using System.Text.RegularExpressions;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// Turns a marketplace description (HTML tags and entities) into plain text, keeping paragraph breaks.
/// </summary>
public static partial class HtmlText
{
    [GeneratedRegex(
        @"<\s*(br|/p|/div|/li|/h[1-6]|/tr)\b[^>]*>",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant
    )]
    private static partial Regex LineBreakTags();

    [GeneratedRegex(@"<\s*li\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListItemTags();

    [GeneratedRegex(
        @"<(script|style)\b[^>]*>.*?</\1\s*>",
        RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant
    )]
    private static partial Regex ScriptBlocks();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"[ \t\f\v\u00A0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ManyNewlines();

    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }
        var text = html.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = ScriptBlocks().Replace(text, "");
            text = LineBreakTags().Replace(text, "\n");
            text = ListItemTags().Replace(text, "• ");
            text = AnyTag().Replace(text, "");
        }
        if (text.Contains('&', StringComparison.Ordinal))
        {
            text = WebUtility.HtmlDecode(text);
        }
        text = Spaces().Replace(text, " ");
        text = string.Join('\n', text.Split('\n').Select(l => l.Trim()));
        return ManyNewlines().Replace(text, "\n\n").Trim();
    }
}
