using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>A route target the server refuses to connect to; a setting to fix, not an outage to retry.</summary>
public sealed class TargetRefusedException(string message) : IOException(message);

/// <summary>
/// Where a route may make this server send requests. A user who may add routes must not be able
/// to point the server inside its own network (cloud metadata, admin consoles, local services):
/// Slack targets are https on Slack's own hosts, or a host the operator listed in
/// `Routing:AllowedTargetHosts` (`host` for any port, `host:port` for one). The check runs when a
/// route is saved and again on every connection, after DNS, so a name that later resolves inside
/// the network is refused too.
/// </summary>
public sealed class TargetHosts
{
    public const string SlackWebhookHost = "hooks.slack.com";

    private readonly HashSet<string> _anyPort = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _withPort = new(StringComparer.OrdinalIgnoreCase);

    public TargetHosts(IOptions<RoutingOptions> routing, IOptions<SlackOptions> slack)
    {
        foreach (var entry in routing.Value.AllowedTargetHosts)
        {
            if (!TryParseEntry(entry, out var host, out var port))
            {
                throw new OptionsValidationException(
                    "Routing",
                    typeof(RoutingOptions),
                    [$"Routing:AllowedTargetHosts: \"{entry}\" is not host or host:port."]
                );
            }
            if (port is { } p)
                _withPort.Add($"{host}:{p}");
            else
                _anyPort.Add(host);
        }
        // Slack:ApiBaseUrl is the operator's own setting (a proxy, or a test double): always reachable.
        var api = slack.Value.ApiBaseUrl;
        _withPort.Add($"{Normalize(api.Host)}:{api.Port}");
    }

    /// <summary>`host`, `host:port`, `[v6]` or `[v6]:port`; a bare IPv6 literal is a host without a port.</summary>
    public static bool TryParseEntry(string? entry, out string host, out int? port)
    {
        host = "";
        port = null;
        var text = (entry ?? "").Trim();
        if (text.Length == 0 || text.Length > 255)
            return false;
        if (
            IPAddress.TryParse(text, out var bare)
            && text.Contains(':', StringComparison.Ordinal)
            && !text.StartsWith('[')
        )
        {
            host = bare.ToString();
            return true;
        }
        if (
            !Uri.TryCreate("http://" + text, UriKind.Absolute, out var uri)
            || uri.PathAndQuery != "/"
            || uri.UserInfo.Length > 0
            || Uri.CheckHostName(uri.IdnHost) == UriHostNameType.Unknown
        )
        {
            return false;
        }
        host = Normalize(uri.Host);
        port = uri.IsDefaultPort && !text.EndsWith(":80", StringComparison.Ordinal) ? null : uri.Port;
        return true;
    }

    public bool IsAllowed(string host, int port)
    {
        var h = Normalize(host);
        return _anyPort.Contains(h) || _withPort.Contains($"{h}:{port}");
    }

    /// <summary>
    /// Why a Slack secret cannot be used (a webhook URL alone, or a bot token with a channel), or null when it can.
    /// </summary>
    public string? SlackSecretProblem(string? secret, string? channel) =>
        string.IsNullOrWhiteSpace(channel) ? WebhookProblem(secret)
        : secret?.StartsWith("xox", StringComparison.Ordinal) == true ? null
        : "With a channel this must be a bot token (xoxb-…).";

    /// <summary>Why this incoming-webhook URL cannot be a route target, or null when it can.</summary>
    public string? WebhookProblem(string? url)
    {
        if (
            !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0
        )
        {
            return "Without a channel this must be an https incoming-webhook URL (https://hooks.slack.com/services/…).";
        }
        if (IsAllowed(uri.Host, uri.Port))
        {
            return null;
        }
        return
            uri.Scheme == Uri.UriSchemeHttps
            && uri.IsDefaultPort
            && string.Equals(uri.Host, SlackWebhookHost, StringComparison.OrdinalIgnoreCase)
            ? null
            : "Incoming webhooks are https://hooks.slack.com/… URLs; other hosts need the operator's "
                + "Routing:AllowedTargetHosts.";
    }

    /// <summary>
    /// The Slack client's connection step: resolves the host and connects only to addresses outside
    /// private, loopback and link-local ranges, unless the operator allowed this host.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, ct);
        if (!IsAllowed(host, port))
        {
            addresses = [.. addresses.Where(a => !IsInternal(a))];
            if (addresses.Length == 0)
            {
                throw new TargetRefusedException(
                    $"{host} is a private, loopback or link-local address; not allowed as a route target "
                        + $"(Routing:AllowedTargetHosts)."
                );
            }
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loopback, private (RFC 1918, unique-local), link-local, shared (CGNAT), unspecified and multicast addresses.
    /// </summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal
                || address.IsIPv6SiteLocal
                || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC;
        }
        var v4 = address.GetAddressBytes();
        return v4[0] is 0 or 10 or 127
            || v4[0] >= 224
            || (v4[0] == 169 && v4[1] == 254)
            || (v4[0] == 172 && v4[1] is >= 16 and <= 31)
            || (v4[0] == 192 && v4[1] == 168)
            || (v4[0] == 100 && v4[1] is >= 64 and <= 127);
    }

    private static string Normalize(string host)
    {
        var h = host.Trim().TrimEnd('.').Trim('[', ']').ToLowerInvariant();
        return IPAddress.TryParse(h, out var ip) ? ip.ToString() : h;
    }
}
