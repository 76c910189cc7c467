using UpworkAssist.Web.Features.Routing.Discord;
using UpworkAssist.Web.Features.Routing.Telegram;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// What a Telegram, Discord or Teams route may point at, and how one is stored: the secret (webhook
/// URL, or bot token and chat id) encrypted, a hint for pages, and the delivery key it is throttled by.
/// </summary>
public static class ChannelTargets
{
    /// <summary>Hosts Teams Workflows webhooks live on (Power Automate / Logic Apps).</summary>
    private static readonly string[] TeamsHosts = [".logic.azure.com", ".powerplatform.com", ".powerautomate.com"];

    public static string? UrlProblem(TargetHosts hosts, RouteKind kind, string? url)
    {
        if (
            !Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
            || uri.UserInfo.Length > 0
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        )
        {
            return kind == RouteKind.Discord
                ? $"Enter a Discord webhook URL ({DiscordSender.WebhookPrefix}…)."
                : "Enter the Teams workflow's webhook URL (https://….logic.azure.com/… or ….powerplatform.com/…).";
        }
        if (hosts.IsAllowed(uri.Host, uri.Port))
        {
            return null;
        }
        var https = uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort;
        return kind switch
        {
            RouteKind.Discord
                when https
                    && uri.Host.Equals("discord.com", StringComparison.OrdinalIgnoreCase)
                    && uri.AbsolutePath.StartsWith("/api/webhooks/", StringComparison.Ordinal) => null,
            RouteKind.Discord =>
                $"Discord webhooks are {DiscordSender.WebhookPrefix}… URLs; other hosts need the operator's "
                    + $"Routing:AllowedTargetHosts.",
            _ when https && TeamsHosts.Any(h => uri.Host.EndsWith(h, StringComparison.OrdinalIgnoreCase)) => null,
            _ => "Teams workflow webhooks are https URLs on logic.azure.com or powerplatform.com; other hosts need "
                + "the operator's Routing:AllowedTargetHosts.",
        };
    }

    /// <summary>Fills a new route's secret, hint and delivery key from the form.</summary>
    public static void Apply(AlertRoute route, RouteInput input, RouteSecrets secrets)
    {
        if (input.Kind == RouteKind.Telegram)
        {
            var (token, chat) = (input.TelegramToken!.Trim(), input.TelegramChatId!.Trim());
            route.SecretProtected = secrets.Protect(TelegramSender.Secret(token, chat));
            route.SecretHint = $"chat …{chat[^Math.Min(4, chat.Length)..]} via bot {token.Split(':')[0]}";
            route.SlackTarget = TelegramSender.Target(token, chat);
            return;
        }
        var url = input.ChannelUrl!.Trim();
        route.SecretProtected = secrets.Protect(url);
        route.SecretHint = RouteSecrets.Hint(url);
        route.SlackTarget = RouteSecrets.WebhookTarget(input.Kind == RouteKind.Discord ? "discord" : "teams", url);
    }
}
