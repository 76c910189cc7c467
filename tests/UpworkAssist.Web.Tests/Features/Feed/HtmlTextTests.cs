using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Tests.Features.Feed;

/// <summary>
/// The description's HTML-to-text conversion: the one-pass version against the series of regular
/// expressions it replaced (kept here as the reference), on the demo feed's descriptions and on
/// generated markup, and the cases where the two are meant to differ.
/// </summary>
public sealed partial class HtmlTextTests
{
    [Fact]
    public void Every_demo_description_converts_as_the_regular_expressions_did()
    {
        var demo = new DemoMarketplace(new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero)));
        var nodes = SearchPage.From(demo.Search("0", 200))!.Nodes;
        Assert.Equal(200, nodes.Count);
        foreach (var node in nodes)
        {
            var html = node.GetProperty("description").GetString();
            Assert.Equal(Reference(html), HtmlText.ToPlainText(html));
        }
    }

    private static readonly string[] Pieces =
    [
        "Build",
        "an",
        "API",
        "naïve",
        "日本語",
        "x_y",
        "42",
        "$500",
        "“quoted”",
        " ",
        "   ",
        "\t",
        "\u00A0",
        "\f",
        "\v",
        "\u2003",
        "\r",
        "\n",
        "\r\n",
        "\n\n\n",
        "<p>",
        "</p>",
        "<br>",
        "<br/>",
        "<BR />",
        "< br>",
        "<li>",
        "<li class=\"a\">",
        "</li>",
        "<ul>",
        "</ul>",
        "<div>",
        "</DIV>",
        "<h2>",
        "</h2>",
        "</h1>",
        "</h3 >",
        "</h4>",
        "</h5>",
        "</H6>",
        "</h7>",
        "<b>",
        "</b>",
        "<a href=\"https://example.com/?a=1&amp;b=2\">",
        "</a>",
        "<tr>",
        "</tr>",
        "<brx>",
        "<list>",
        "</p\n>",
        "<!-- note -->",
        "<script>var a = 1 > 0;</script>",
        "<style>p { color: red }</style>",
        "<SCRIPT type=x>alert(1)</script >",
        "&amp;",
        "&nbsp;",
        "&lt;b&gt;",
        "&#65;",
        "&#0;",
        "&quot;",
        "&bogus;",
        "&",
    ];

    [Fact]
    public void Generated_markup_converts_as_the_regular_expressions_did()
    {
        var random = new Random(20261201);
        for (var n = 0; n < 5000; n++)
        {
            var html = new StringBuilder();
            for (var k = random.Next(0, 40); k > 0; k--)
                html.Append(Pieces[random.Next(Pieces.Length)]);
            var text = html.ToString();
            Assert.True(
                Reference(text) == HtmlText.ToPlainText(text),
                $"for {System.Text.Json.JsonSerializer.Serialize(text)}: expected "
                    + $"{System.Text.Json.JsonSerializer.Serialize(Reference(text))}, got "
                    + System.Text.Json.JsonSerializer.Serialize(HtmlText.ToPlainText(text))
            );
        }
    }

    [Theory]
    [InlineData("budget < $500<br>start now", "budget < $500\nstart now")]
    [InlineData("x < 5 and y > 3", "x < 5 and y > 3")]
    [InlineData("a <b>bold</b> word", "a bold word")]
    [InlineData("open <script>never closed", "open never closed")]
    [InlineData("<ul><li>one</li><li>two</li></ul>", "• one\n• two")]
    [InlineData("  one  \n\n\n\n two\u00A0\u00A0three \n", "one\n\ntwo three")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>")]
    [InlineData("a<", "a<")]
    [InlineData(null, "")]
    public void Stray_angle_brackets_stay_text_and_the_rest_follows_the_documented_steps(string? html, string text) =>
        Assert.Equal(text, HtmlText.ToPlainText(html));

    // The conversion as it was: one regular expression per step.
    private static string Reference(string? html)
    {
        if (string.IsNullOrEmpty(html))
            return "";
        var text = html.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = ScriptBlocks().Replace(text, "");
            text = LineBreakTags().Replace(text, "\n");
            text = ListItemTags().Replace(text, "• ");
            text = AnyTag().Replace(text, "");
        }
        if (text.Contains('&', StringComparison.Ordinal))
            text = WebUtility.HtmlDecode(text);
        text = Spaces().Replace(text, " ");
        text = string.Join('\n', text.Split('\n').Select(l => l.Trim()));
        return ManyNewlines().Replace(text, "\n\n").Trim();
    }

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
}
