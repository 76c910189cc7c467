using System.Net;
using System.Text;
using MimeKit;
using UpworkAssist.Web.Features.Routing.Slack;

namespace UpworkAssist.Web.Features.Routing.Email;

/// <summary>An alert mail with HTML and plain-text parts; a digest is grouped by lane.</summary>
public static class EmailRenderer
{
    public static MimeMessage Render(Delivery delivery, string from, MailboxAddress to, DateTimeOffset now)
    {
        var groups = delivery
            .Items.SelectMany(i => i.Lanes.Select(l => (Lane: l, Item: i)))
            .GroupBy(x => x.Lane.LaneName, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var subject =
            delivery.IsTest ? "UpworkAssist test message"
            : delivery.CatchUpTotal is not null ? "UpworkAssist: " + delivery.CatchUpHeadline
            : delivery.IsDigest ? $"UpworkAssist digest: {delivery.Items.Count} new matches"
            : $"New match: {delivery.Items[0].Posting.Title}";
        var text = new StringBuilder();
        var html = new StringBuilder(
            "<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">"
        );
        if (delivery.IsTest)
        {
            text.AppendLine("Test message from UpworkAssist: this route works.").AppendLine();
            html.Append("<p><strong>Test message from UpworkAssist:</strong> this route works.</p>");
        }
        if (delivery.CatchUpTotal is not null)
        {
            text.AppendLine(delivery.CatchUpHeadline + ".").AppendLine(delivery.QueueLink).AppendLine();
            html.Append($"<p><strong>{Html(delivery.CatchUpHeadline)}.</strong>")
                .Append(delivery.QueueLink is { } link ? $" <a href=\"{Html(link)}\">Open these in the queue</a>" : "")
                .Append("</p>");
        }
        foreach (var group in groups)
        {
            text.AppendLine($"== {group.Key} ==");
            html.Append($"<h2>{Html(group.Key)}</h2>");
            foreach (var (lane, item) in group)
            {
                var p = item.Posting;
                var app = QueueLinks.ForPosting(delivery.PublicUrl, p.Id);
                var why =
                    lane.Keywords.Count > 0
                        ? "every rule passes; keywords found: " + string.Join(", ", lane.Keywords)
                        : "every rule passes";
                text.AppendLine(p.Title)
                    .AppendLine(
                        $"{SlackMessageBuilder.Budget(p)} · {SlackMessageBuilder.ClientLine(p.Client)} · posted "
                            + $"{SlackMessageBuilder.Age(now - p.PublishedAt)}"
                    )
                    .AppendLine(why)
                    .AppendLine(SlackMessageBuilder.FirstLines(p.Description))
                    .AppendLine(p.Url is null ? app : $"{p.Url}\n{app}")
                    .AppendLine();
                html.Append(
                        $"<h3>{Html(p.Title)}</h3><p>{Html(SlackMessageBuilder.Budget(p))} · "
                            + $"{Html(SlackMessageBuilder.ClientLine(p.Client))} · posted "
                            + $"{Html(SlackMessageBuilder.Age(now - p.PublishedAt))}<br><em>{Html(why)}</em></p>"
                    )
                    .Append(
                        "<p>"
                            + Html(SlackMessageBuilder.FirstLines(p.Description))
                                .Replace("\n", "<br>", StringComparison.Ordinal)
                            + "</p><p>"
                    )
                    .Append(p.Url is null ? "" : $"<a href=\"{Html(p.Url)}\">Open on Upwork</a> · ")
                    .Append($"<a href=\"{Html(app)}\">Open in UpworkAssist</a></p>");
            }
        }
        html.Append("</body></html>");
        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(to);
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    private static string Html(string s) => WebUtility.HtmlEncode(s);
}
