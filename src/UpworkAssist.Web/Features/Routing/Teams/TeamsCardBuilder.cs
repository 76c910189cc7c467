using UpworkAssist.Web.Features.Routing.Slack;

namespace UpworkAssist.Web.Features.Routing.Teams;

/// <summary>
/// Renders a delivery as the message a Teams Workflows webhook ("Post to a channel when a webhook
/// request is received") posts: one Adaptive Card 1.4 with, per posting, the title and budget, the
/// client's facts, why it matched and the Open job / Open in UpworkAssist buttons.
/// Other people's text goes only into TextRuns of RichTextBlocks, which Teams never reads as
/// markdown, so a title cannot become a link; JSON encoding is System.Text.Json's.
/// </summary>
public static class TeamsCardBuilder
{
    public const int MaxItems = 10;

    public static object Build(Delivery d, DateTimeOffset now)
    {
        var (shown, more) = ChatMessages.Take(d, MaxItems);
        var body = new List<object>();
        if (ChatMessages.Intro(d) is { } intro)
            body.Add(Text(intro, bold: true));
        var actions = new List<object>();
        foreach (var item in shown)
        {
            var p = item.Posting;
            body.Add(
                Text($"{p.Title} · {SlackMessageBuilder.Budget(p)}", bold: true, large: true, separator: body.Count > 0)
            );
            body.Add(
                new Dictionary<string, object>
                {
                    ["type"] = "FactSet",
                    ["facts"] = new[]
                    {
                        Fact("Budget", SlackMessageBuilder.Budget(p)),
                        Fact("Client", SlackMessageBuilder.ClientLine(p.Client) is { Length: > 0 } c ? c : "unknown"),
                        Fact(
                            "Applicants",
                            p.TotalApplicants?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"
                        ),
                        Fact("Posted", SlackMessageBuilder.Age(now - p.PublishedAt)),
                    },
                }
            );
            body.Add(Text("Why it matched: " + string.Join("; ", item.Lanes.Select(ChatMessages.Why))));
            var buttons = new List<object>();
            if (p.Url is { Length: > 0 } job)
                buttons.Add(Open("Open job", job));
            buttons.Add(Open("Open in UpworkAssist", ChatMessages.AppLink(d, item)));
            body.Add(new Dictionary<string, object> { ["type"] = "ActionSet", ["actions"] = buttons });
        }
        if (more > 0)
            body.Add(Text($"…and {more} more matches in UpworkAssist."));
        if (d.QueueLink is { } queue)
            actions.Add(Open("Open these in the queue", queue));
        var card = new Dictionary<string, object>
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
            ["actions"] = actions,
            ["msteams"] = new Dictionary<string, object> { ["width"] = "Full" },
        };
        return new Dictionary<string, object>
        {
            ["type"] = "message",
            ["attachments"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["contentType"] = "application/vnd.microsoft.card.adaptive",
                    ["content"] = card,
                },
            },
        };
    }

    private static Dictionary<string, object> Text(
        string text,
        bool bold = false,
        bool large = false,
        bool separator = false
    )
    {
        var run = new Dictionary<string, object>
        {
            ["type"] = "TextRun",
            ["text"] = SlackMessageBuilder.Truncate(text, 2000),
        };
        if (bold)
            run["weight"] = "Bolder";
        if (large)
            run["size"] = "Medium";
        var block = new Dictionary<string, object> { ["type"] = "RichTextBlock", ["inlines"] = new[] { run } };
        if (separator)
            block["separator"] = true;
        return block;
    }

    // Facts are our own formatting of numbers, counts and the marketplace's country names, never free text.
    private static Dictionary<string, string> Fact(string title, string value) =>
        new() { ["title"] = title, ["value"] = SlackMessageBuilder.Truncate(value, 500) };

    private static Dictionary<string, string> Open(string title, string url) =>
        new()
        {
            ["type"] = "Action.OpenUrl",
            ["title"] = title,
            ["url"] = url,
        };
}
