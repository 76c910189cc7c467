using Microsoft.Extensions.Options;

namespace UpworkAssist.Web.Features.Routing.Discord;

/// <summary>Section `Discord`.</summary>
public sealed class DiscordOptions
{
    /// <summary>Discord allows about five messages per two seconds per webhook; one a second stays clear of it.</summary>
    public TimeSpan PerChannelInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Delivers to a Discord route: an embed per posting through the channel's webhook URL.</summary>
public sealed class DiscordSender(ChatWebhookClient client, RouteSecrets secrets, TimeProvider clock, IOptions<DiscordOptions> options)
    : IAlertSender
{
    public const string WebhookPrefix = "https://discord.com/api/webhooks/";

    public AlertChannel Channel => AlertChannel.Discord;

    public TimeSpan MinInterval => options.Value.PerChannelInterval;

    public Task<SendOutcome> SendAsync(Delivery delivery, CancellationToken ct) =>
        secrets.Unprotect(delivery.Route.SecretProtected) is { } url
            ? client.PostAsync(new Uri(url), DiscordMessageBuilder.Build(delivery, clock.GetUtcNow()), options.Value.Timeout, ct)
            : Task.FromResult(RouteSecrets.Unreadable);
}
