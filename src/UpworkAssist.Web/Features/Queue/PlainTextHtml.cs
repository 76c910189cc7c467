using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>
/// Shows marketplace text as plain text: everything is HTML-encoded, line breaks become
/// &lt;br&gt;, and only http(s) addresses become links. No markup from the marketplace is trusted,
/// so a description holding script, event handlers or javascript: links stays inert text.
/// </summary>
public static partial class PlainTextHtml
{
    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    public static IHtmlContent Render(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return HtmlString.Empty;
        var encoder = HtmlEncoder.Default;
        var html = new StringBuilder(text.Length + 64);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
                html.Append("<br />");
            var line = lines[i];
            var at = 0;
            foreach (System.Text.RegularExpressions.Match m in Address().Matches(line))
            {
                html.Append(encoder.Encode(line[at..m.Index]));
                // Trailing punctuation usually ends the sentence, not the address.
                var address = m.Value.TrimEnd('.', ',', ';', ':', ')', '!', '?');
                if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    var encoded = encoder.Encode(address);
                    html.Append("<a href=\"")
                        .Append(encoder.Encode(uri.AbsoluteUri))
                        .Append("\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">")
                        .Append(encoded)
                        .Append("</a>");
                }
                else
                {
                    html.Append(encoder.Encode(address));
                }
                html.Append(encoder.Encode(m.Value[address.Length..]));
                at = m.Index + m.Length;
            }
            html.Append(encoder.Encode(line[at..]));
        }
        return new HtmlString(html.ToString());
    }
}
