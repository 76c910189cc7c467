using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace UpworkAssist.Web.Features.Knowledge;

/// <summary>
/// Markdown to HTML with Markdig, then through HtmlSanitizer: whatever raw HTML a page holds, scripts,
/// event-handler attributes, styles that run code and links to javascript: (or any scheme but
/// http, https and mailto) are removed before the HTML reaches a browser. Forms and their controls
/// go too: a page that looks like our sign-in form could post a reader's password anywhere, and
/// name= lets page content shadow the document's own fields (DOM clobbering).
/// </summary>
public sealed partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static readonly string[] FormTags =
    [
        "form",
        "input",
        "button",
        "select",
        "option",
        "optgroup",
        "textarea",
        "fieldset",
        "legend",
        "label",
        "datalist",
        "output",
    ];
    private static readonly string[] FormAttributes =
    [
        "name",
        "form",
        "formaction",
        "formmethod",
        "formtarget",
        "action",
        "method",
    ];

    public string ToSafeHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        // Checklists keep their boxes as characters: the sanitizer below removes every <input>.
        foreach (var task in document.Descendants<TaskList>().ToList())
        {
            task.ReplaceBy(new LiteralInline(task.Checked ? "☑" : "☐"));
        }
        var html = document.ToHtml(Pipeline);
        // A sanitizer per call: its settings are mutable sets, and pages are rendered rarely.
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Add("mailto");
        foreach (var tag in FormTags)
            sanitizer.AllowedTags.Remove(tag);
        foreach (var attribute in FormAttributes)
            sanitizer.AllowedAttributes.Remove(attribute);
        return sanitizer.Sanitize(html);
    }

    /// <summary>Renders, or says the page cannot be: Markdig refuses input nested deeper than it can parse.</summary>
    public bool TryToSafeHtml(string markdown, out string html)
    {
        try
        {
            html = ToSafeHtml(markdown);
            return true;
        }
        catch (Exception e)
            when (e is ArgumentException or InvalidOperationException or InsufficientExecutionStackException)
        {
            html = "";
            return false;
        }
    }
}
