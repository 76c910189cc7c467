using Microsoft.Extensions.Options;

namespace UpworkAssist.Web.Features.Routing.Discord;

public sealed class DiscordOptions : ChatWebhookOptions;

/// <summary>Delivers to a Discord route: an embed per posting through the channel's webhook URL.</summary>
public sealed class DiscordSender(
    ChatWebhookClient client,
    RouteSecrets secrets,
    TimeProvider clock,
    IOptions<DiscordOptions> options
) : WebhookRouteSender(client, secrets, clock, options.Value)
{
    public const string WebhookPrefix = "https://discord.com/api/webhooks/";

    public override AlertChannel Channel => AlertChannel.Discord;

    protected override object Build(Delivery delivery, DateTimeOffset now) =>
        DiscordMessageBuilder.Build(delivery, now);
}
