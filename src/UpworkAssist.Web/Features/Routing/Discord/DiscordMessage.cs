using System.Text;
using System.Text.Json.Serialization;
using UpworkAssist.Web.Features.Routing.Slack;

namespace UpworkAssist.Web.Features.Routing.Discord;

public sealed record DiscordEmbedField(string Name, string Value, bool Inline = false);

public sealed record DiscordEmbed(
    string Title,
    string? Url,
    string Description,
    IReadOnlyList<DiscordEmbedField> Fields
);

/// <summary>Nothing in a message may ping anyone: `parse: []` turns off @everyone, @here, users and roles.</summary>
public sealed record DiscordAllowedMentions(IReadOnlyList<string> Parse);

/// <summary>An execute-webhook body: a short content line and an embed per posting.</summary>
public sealed record DiscordMessage(
    string? Content,
    IReadOnlyList<DiscordEmbed> Embeds,
    [property: JsonPropertyName("allowed_mentions")] DiscordAllowedMentions AllowedMentions
);

/// <summary>Renders a delivery within Discord's limits (10 embeds, title 256, description 4096, field 1024).</summary>
public static class DiscordMessageBuilder
{
    public const int MaxEmbeds = 10;

    public static DiscordMessage Build(Delivery d, DateTimeOffset now)
    {
        var (shown, more) = ChatMessages.Take(d, MaxEmbeds);
        var content = new StringBuilder(Escape(ChatMessages.Intro(d) ?? ""));
        if (d.QueueLink is { } queue)
            content.Append($" [Open these in the queue](<{queue}>)");
        if (more > 0)
            content.Append($" …and {more} more matches in UpworkAssist.");
        var embeds = shown
            .Select(item =>
            {
                var p = item.Posting;
                var links =
                    (p.Url is { Length: > 0 } job ? $"[Open job](<{job}>) · " : "")
                    + $"[Open in UpworkAssist](<{ChatMessages.AppLink(d, item)}>)";
                var description = Escape(SlackMessageBuilder.FirstLines(p.Description)) + "\n\n" + links;
                return new DiscordEmbed(
                    Cut(Escape($"{p.Title} · {SlackMessageBuilder.Budget(p)}"), 256),
                    p.Url is { Length: > 0 and <= 2000 } url ? url : null,
                    Cut(description, 4096),
                    [
                        new DiscordEmbedField("Client", Cut(Escape(ChatMessages.Facts(item, now)), 1024)),
                        new DiscordEmbedField(
                            "Why it matched",
                            Cut(Escape(string.Join("\n", item.Lanes.Select(ChatMessages.Why))), 1024)
                        ),
                    ]
                );
            })
            .ToList();
        var text = content.ToString().Trim();
        return new DiscordMessage(text.Length == 0 ? null : Cut(text, 2000), embeds, new DiscordAllowedMentions([]));
    }

    /// <summary>
    /// Other people's text as Discord shows it: markdown's control characters get a backslash, so a
    /// title cannot make a masked link, a heading or a spoiler; mentions are off by allowed_mentions.
    /// </summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (
                c
                is '\\'
                    or '*'
                    or '_'
                    or '~'
                    or '`'
                    or '|'
                    or '['
                    or ']'
                    or '('
                    or ')'
                    or '<'
                    or '>'
                    or '#'
                    or '@'
                    or ':'
            )
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string Cut(string text, int max) => SlackMessageBuilder.Truncate(text, max);
}
