using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>
/// The badges of a posting's facts (<see cref="PostingFacts.Labels"/>), for the queue's rows and
/// the job page. Built as one string rather than a partial view per row: the
/// queue draws 50 rows, and a partial view each cost more than the rows' own markup. The labels
/// are ours, but the years and times in them come from the marketplace, so every text is encoded.
/// </summary>
public static class PostingFactsHtml
{
    public static IHtmlContent Render(PostingFacts facts)
    {
        StringBuilder? html = null;
        var encoder = HtmlEncoder.Default;
        foreach (var (label, title) in facts.Labels())
        {
            html ??= new StringBuilder("<div class=\"small mb-1\" data-testid=\"posting-facts\">");
            html.Append("<span class=\"badge text-bg-light border text-body-emphasis me-1\" title=\"")
                .Append(encoder.Encode(title))
                .Append("\">")
                .Append(encoder.Encode(label))
                .Append("</span>");
        }
        return html is null ? HtmlString.Empty : new HtmlString(html.Append("</div>").ToString());
    }
}
