using Microsoft.Extensions.Options;

namespace UpworkAssist.Web.Features.Routing.Teams;

/// <summary>Section `Teams`.</summary>
public sealed class TeamsOptions
{
    /// <summary>Workflows throttles per flow; one card a second per webhook keeps a channel readable too.</summary>
    public TimeSpan PerChannelInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Delivers to a Microsoft Teams route: an Adaptive Card message through a Workflows webhook URL.</summary>
public sealed class TeamsSender(ChatWebhookClient client, RouteSecrets secrets, TimeProvider clock, IOptions<TeamsOptions> options)
    : IAlertSender
{
    public AlertChannel Channel => AlertChannel.Teams;

    public TimeSpan MinInterval => options.Value.PerChannelInterval;

    public Task<SendOutcome> SendAsync(Delivery delivery, CancellationToken ct) =>
        secrets.Unprotect(delivery.Route.SecretProtected) is { } url
            ? client.PostAsync(new Uri(url), TeamsCardBuilder.Build(delivery, clock.GetUtcNow()), options.Value.Timeout, ct)
            : Task.FromResult(RouteSecrets.Unreadable);
}
