using Microsoft.Extensions.Options;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Routing.Slack;
using UpworkAssist.Web.Features.Routing.Webhooks;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>Routing's "an endpoint was turned off" told to the Admins by the review page's routes.</summary>
public sealed class WebhookNotices(
    AdminNotifier notifier,
    IOptions<RoutingOptions> routing,
    ILogger<WebhookNotices> logger
) : IWebhookNotices
{
    public async Task EndpointDisabledAsync(WebhookEndpoint endpoint, string reason, CancellationToken ct)
    {
        var link = routing.Value.PublicUrl.TrimEnd('/') + "/Routing/Webhooks";
        var what =
            $"The webhook endpoint {endpoint.Url} was turned off: {reason} Events for it wait until an Admin turns "
            + $"it on.";
        var result = await notifier.SendAsync(
            new AdminMessage(
                "UpworkAssist: a webhook endpoint was turned off",
                what + " " + link,
                "*A webhook endpoint was turned off.* " + SlackMessageBuilder.Escape(what),
                "Open Webhooks",
                link,
                "open_webhooks"
            ),
            ct
        );
        logger.LogWarning(
            "Webhook endpoint {Endpoint} turned off; Admins told: {Summary}",
            endpoint.Id,
            result.Summary
        );
    }
}
