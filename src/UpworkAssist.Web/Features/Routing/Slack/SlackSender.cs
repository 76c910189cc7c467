using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Routing.Slack;

/// <summary>Delivers to a Slack route: bot token + channel through chat.postMessage, or an incoming webhook.</summary>
public sealed class SlackSender(
    SlackClient slack,
    RouteSecrets secrets,
    TimeProvider clock,
    IOptions<SlackOptions> options
) : IAlertSender
{
    public AlertChannel Channel => AlertChannel.Slack;

    public TimeSpan MinInterval => options.Value.PerChannelInterval;

    public Task<SendOutcome> SendAsync(Delivery delivery, CancellationToken ct)
    {
        var secret = secrets.Unprotect(delivery.Route.SecretProtected);
        if (secret is null)
        {
            return Task.FromResult(RouteSecrets.Unreadable);
        }
        var message = SlackMessageBuilder.Build(delivery, clock.GetUtcNow());
        return delivery.Route.SlackChannel is { Length: > 0 } channel
            ? slack.PostMessageAsync(secret, channel, message, ct)
            : slack.PostWebhookAsync(new Uri(secret), message, ct);
    }
}
