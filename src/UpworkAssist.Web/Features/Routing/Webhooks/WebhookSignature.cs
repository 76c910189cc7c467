using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace UpworkAssist.Web.Features.Routing.Webhooks;

/// <summary>
/// `X-UpworkAssist-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;`, as Stripe signs:
/// the time inside the signed text lets receivers refuse replays older than their window.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-UpworkAssist-Signature";
    public const string EventIdHeader = "X-UpworkAssist-Event-Id";
    public const string EventTypeHeader = "X-UpworkAssist-Event";

    /// <summary>How old a signature receivers should accept; documented, and what <see cref="Verify"/> uses.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long unixSeconds, string body)
    {
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>A receiver's check, here for the tests and for anyone writing one in .NET.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now)
    {
        var parts = header
            .Split(',')
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1]);
        if (
            !parts.TryGetValue("t", out var t)
            || !long.TryParse(t, CultureInfo.InvariantCulture, out var unix)
            || !parts.TryGetValue("v1", out var v1)
            || (now - DateTimeOffset.FromUnixTimeSeconds(unix)).Duration() > ReplayWindow
        )
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(secret, unix, body).Split("v1=")[1]);
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(v1));
    }

    /// <summary>A new signing secret: 32 random bytes, shown to the Admin once.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
