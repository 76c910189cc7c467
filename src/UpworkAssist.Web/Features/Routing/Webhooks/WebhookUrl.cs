using System.Net;

namespace UpworkAssist.Web.Features.Routing.Webhooks;

/// <summary>
/// Where an outgoing webhook (or a Discord or Teams route) may point, checked when it is saved:
/// https on a public host name, or any scheme on a host the operator allowed. Connections are checked
/// again after DNS by <see cref="TargetHosts.ConnectAsync"/>, so this is the early, readable refusal.
/// </summary>
public static class WebhookUrl
{
    public static string? Problem(
        TargetHosts hosts,
        string? url,
        string example = "https://automation.example.com/hooks/upwork"
    )
    {
        if (
            !Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
            || uri.UserInfo.Length > 0
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        )
        {
            return $"Enter an https URL such as {example}.";
        }
        if (hosts.IsAllowed(uri.Host, uri.Port))
        {
            return null;
        }
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return "Webhook URLs must use https.";
        }
        var host = uri.Host.Trim('[', ']');
        var internalHost = IPAddress.TryParse(host, out var ip)
            ? TargetHosts.IsInternal(ip)
            : !host.Contains('.', StringComparison.Ordinal)
                || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
                || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
                || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase);
        return internalHost || uri.HostNameType == UriHostNameType.Basic
            ? $"{uri.Host} is inside this server's network; only public hosts (or the operator's "
                + $"Routing:AllowedTargetHosts) may be used."
            : null;
    }
}
