namespace UpworkAssist.Web.Features.Routing;

/// <summary>Sections `Discord` and `Teams`: a chat service reached through one webhook URL per route.</summary>
public class ChatWebhookOptions
{
    /// <summary>
    /// Least time between two messages to one webhook (Discord allows about 5 per 2 s; one a second stays clear).
    /// </summary>
    public TimeSpan PerChannelInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The one sender shape of a route whose secret is a webhook URL (Discord, Teams): decrypt the URL,
/// build the service's JSON message, post it through <see cref="ChatWebhookClient"/>.
/// </summary>
public abstract class WebhookRouteSender(
    ChatWebhookClient client,
    RouteSecrets secrets,
    TimeProvider clock,
    ChatWebhookOptions options
) : IAlertSender
{
    public abstract AlertChannel Channel { get; }

    public TimeSpan MinInterval => options.PerChannelInterval;

    protected abstract object Build(Delivery delivery, DateTimeOffset now);

    public Task<SendOutcome> SendAsync(Delivery delivery, CancellationToken ct) =>
        secrets.Unprotect(delivery.Route.SecretProtected) is { } url
            ? client.PostAsync(new Uri(url), Build(delivery, clock.GetUtcNow()), options.Timeout, ct)
            : Task.FromResult(RouteSecrets.Unreadable);
}
