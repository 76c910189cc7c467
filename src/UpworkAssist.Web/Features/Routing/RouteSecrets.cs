using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>Slack webhook URLs and bot tokens at rest: encrypted with Data Protection, shown only as a hint.</summary>
public sealed class RouteSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("UpworkAssist.Routing.RouteSecret.v1");

    /// <summary>What a sender answers when the keys that encrypted a route's secret are gone.</summary>
    public static readonly SendOutcome Unreadable = new(
        SendStatus.Permanent,
        "The route's secret cannot be read; enter it again."
    );

    public string Protect(string secret) => _protector.Protect(secret);

    public string? Unprotect(string? protectedSecret)
    {
        if (protectedSecret is null)
        {
            return null;
        }
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Enough to recognise the secret, never enough to use it: the last four characters.</summary>
    public static string Hint(string secret) =>
        Uri.TryCreate(secret, UriKind.Absolute, out var url)
            ? $"{url.Host}/…{secret[^4..]}"
            : $"{secret[..Math.Min(4, secret.Length)]}…{secret[^4..]}";

    /// <summary>
    /// Delivery key of a route posting to one webhook URL (Discord, Teams): a hash, as the URL is the secret.
    /// </summary>
    public static string WebhookTarget(string prefix, string url) =>
        prefix + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.Trim())))[..16];

    /// <summary>
    /// Delivery key of a Slack route: the channel for a bot, a hash for a webhook (each webhook posts to one channel).
    /// </summary>
    public static string SlackTarget(string secret, string? channel) =>
        channel is { Length: > 0 }
            ? "slack:" + channel.Trim().TrimStart('#').ToLowerInvariant()
            : "slack-webhook:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret.Trim())))[..16];
}
