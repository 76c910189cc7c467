using Ganss.Xss;
using System.Text.RegularExpressions;
using Markdig;

namespace UpworkAssist.Web.Features.Knowledge;

/// <summary>
/// Markdown to HTML with Markdig, then through HtmlSanitizer: whatever raw HTML a page holds, scripts,
/// event-handler attributes, styles that run code and links to javascript: (or any scheme but
/// http, https and mailto) are removed before the HTML reaches a browser.
/// </summary>
public sealed partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public string ToSafeHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        // A sanitizer per call: its settings are mutable sets, and pages are rendered rarely.
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Add("mailto");
        return LabelTaskBoxes(sanitizer.Sanitize(html));
    }

    /// <summary>
    /// A task list's boxes are read-only marks; without a name a screen reader announces an
    /// unlabelled checkbox (axe: label, critical).
    /// </summary>
    private static string LabelTaskBoxes(string html) => TaskBox().Replace(html, m =>
        $"<input aria-label=\"{(m.Groups[1].Value.Contains("checked", StringComparison.Ordinal) ? "done" : "to do")}\"{m.Groups[1].Value}>");

    [GeneratedRegex("<input([^>]*type=\"checkbox\"[^>]*)>")]
    private static partial Regex TaskBox();
}
