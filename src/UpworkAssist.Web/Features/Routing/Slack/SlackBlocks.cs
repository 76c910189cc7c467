using System.Text.Json.Serialization;

namespace UpworkAssist.Web.Features.Routing.Slack;

// Block Kit, just the parts we send, as records serialised with System.Text.Json.
// Limits from Slack's reference: 50 blocks per message, header text 150 chars, section text
// 3000, section fields 10 of 2000 each, context 10 elements, button text 75, button url 3000.

public sealed record SlackMessage(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("blocks")] IReadOnlyList<SlackBlock> Blocks,
    [property: JsonPropertyName("channel"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        string? Channel = null
)
{
    public const int MaxBlocks = 50;
    public const int MaxText = 4000;
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
public abstract record SlackBlock;

public sealed record HeaderBlock([property: JsonPropertyName("text")] PlainText Text) : SlackBlock
{
    public const int MaxText = 150;
}

public sealed record SectionBlock(
    [property: JsonPropertyName("text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Markdown? Text,
    [property: JsonPropertyName("fields"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<Markdown>? Fields = null
) : SlackBlock
{
    public const int MaxText = 3000;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;
}

public sealed record ContextBlock([property: JsonPropertyName("elements")] IReadOnlyList<Markdown> Elements)
    : SlackBlock
{
    public const int MaxElements = 10;
}

public sealed record ActionsBlock([property: JsonPropertyName("elements")] IReadOnlyList<Button> Elements) : SlackBlock;

public sealed record DividerBlock : SlackBlock;

public sealed record PlainText([property: JsonPropertyName("text")] string Text)
{
    [JsonPropertyName("type")]
    public string Type => "plain_text";

    [JsonPropertyName("emoji")]
    public bool Emoji => true;
}

public sealed record Markdown([property: JsonPropertyName("text")] string Text)
{
    [JsonPropertyName("type")]
    public string Type => "mrkdwn";
}

public sealed record Button(
    [property: JsonPropertyName("text")] PlainText Text,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("action_id")] string ActionId
)
{
    public const int MaxText = 75;
    public const int MaxUrl = 3000;

    [JsonPropertyName("type")]
    public string Type => "button";
}
