using Ganss.Xss;
using Markdig;

namespace UpworkAssist.Web.Features.Knowledge;

/// <summary>
/// Markdown to HTML with Markdig, then through HtmlSanitizer: whatever raw HTML a page holds, scripts,
/// event-handler attributes, styles that run code and links to javascript: (or any scheme but
/// http, https and mailto) are removed before the HTML reaches a browser.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public string ToSafeHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        // A sanitizer per call: its settings are mutable sets, and pages are rendered rarely.
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer.Sanitize(html);
    }
}
