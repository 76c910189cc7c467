using System.Text;
using Telegram.Bot.Types.ReplyMarkups;
using UpworkAssist.Web.Features.Routing.Slack;

namespace UpworkAssist.Web.Features.Routing.Telegram;

/// <summary>
/// A sendMessage in HTML parse mode: the text (every piece of user text escaped) and its inline keyboard.
/// </summary>
public sealed record TelegramMessage(string Html, InlineKeyboardMarkup? Keyboard);

public static class TelegramMessageBuilder
{
    public const int MaxText = 4096;
    public const int MaxItems = 6;

    public static TelegramMessage Build(Delivery d, DateTimeOffset now)
    {
        var (shown, more) = ChatMessages.Take(d, MaxItems);
        var html = new StringBuilder();
        if (ChatMessages.Intro(d) is { } intro)
            html.Append("<b>").Append(Escape(intro)).Append("</b>\n\n");
        foreach (var item in shown)
        {
            var p = item.Posting;
            html.Append("<b>")
                .Append(Escape(p.Title))
                .Append("</b> · ")
                .Append(Escape(SlackMessageBuilder.Budget(p)))
                .Append('\n')
                .Append(Escape(ChatMessages.Facts(item, now)))
                .Append('\n')
                .Append("<i>Why it matched:</i> ")
                .Append(Escape(string.Join("; ", item.Lanes.Select(ChatMessages.Why))))
                .Append('\n');
            if (shown.Count > 1)
            {
                // Several postings: each gets its links inline, the keyboard holds the queue link.
                if (p.Url is { Length: > 0 } job)
                    html.Append($"<a href=\"{Escape(job)}\">Open job</a> · ");
                html.Append($"<a href=\"{Escape(ChatMessages.AppLink(d, item))}\">Open in UpworkAssist</a>\n");
            }
            else if (SlackMessageBuilder.FirstLines(p.Description) is { Length: > 0 } description)
            {
                html.Append(Escape(description)).Append('\n');
            }
            html.Append('\n');
        }
        if (more > 0)
            html.Append(Escape($"…and {more} more matches in UpworkAssist."));
        return new TelegramMessage(Cut(html.ToString().TrimEnd()), Keyboard(d, shown));
    }

    private static InlineKeyboardMarkup? Keyboard(Delivery d, IReadOnlyList<DeliveryItem> shown)
    {
        var buttons = new List<InlineKeyboardButton>();
        if (shown.Count == 1)
        {
            if (shown[0].Posting.Url is { Length: > 0 } job)
                buttons.Add(InlineKeyboardButton.WithUrl("Open job", job));
            if (Linkable(d.PublicUrl))
                buttons.Add(InlineKeyboardButton.WithUrl("Open in UpworkAssist", ChatMessages.AppLink(d, shown[0])));
        }
        else if (d.QueueLink is { } queue && Linkable(d.PublicUrl))
        {
            buttons.Add(InlineKeyboardButton.WithUrl("Open these in the queue", queue));
        }
        return buttons.Count == 0 ? null : new InlineKeyboardMarkup(buttons);
    }

    /// <summary>Telegram refuses the whole message for a button to localhost; such links stay in the text.</summary>
    private static bool Linkable(string publicUrl) =>
        Uri.TryCreate(publicUrl, UriKind.Absolute, out var u)
        && !u.IsLoopback
        && u.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// Telegram's HTML mode: these four are the characters its parser reads; everything else is text.
    /// </summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>Cut at a line end so no tag is split; the builder closes every tag on the line it opens it.</summary>
    private static string Cut(string html)
    {
        if (html.Length <= MaxText)
            return html;
        var end = html.LastIndexOf('\n', MaxText - 2);
        return html[..(end > 0 ? end : 0)] + "\n…";
    }
}
