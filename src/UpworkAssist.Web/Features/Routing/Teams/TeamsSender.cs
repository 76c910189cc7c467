using Microsoft.Extensions.Options;

namespace UpworkAssist.Web.Features.Routing.Teams;

public sealed class TeamsOptions : ChatWebhookOptions;

/// <summary>Delivers to a Microsoft Teams route: an Adaptive Card message through a Workflows webhook URL.</summary>
public sealed class TeamsSender(
    ChatWebhookClient client,
    RouteSecrets secrets,
    TimeProvider clock,
    IOptions<TeamsOptions> options
) : WebhookRouteSender(client, secrets, clock, options.Value)
{
    public override AlertChannel Channel => AlertChannel.Teams;

    protected override object Build(Delivery delivery, DateTimeOffset now) => TeamsCardBuilder.Build(delivery, now);
}
