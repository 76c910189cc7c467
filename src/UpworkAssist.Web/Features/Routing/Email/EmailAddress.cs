using System.Diagnostics.CodeAnalysis;
using System.Net;
using MimeKit;

namespace UpworkAssist.Web.Features.Routing.Email;

/// <summary>
/// The one reading of an e-mail route's address, used both when the route is saved and when a
/// message is sent, so an address that passes the form can always be sent to. A bare address
/// only (no display name, no group), at most 190 characters, and a domain name rather than an IP
/// literal (`ops@[127.0.0.1]` would send mail straight to a host of the sender's choosing).
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 190;

    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out MailboxAddress? mailbox,
        [NotNullWhen(false)] out string? problem
    )
    {
        mailbox = null;
        var address = (text ?? "").Trim();
        if (
            address.Length is 0 or > MaxLength
            || !MailboxAddress.TryParse(ParserOptions.Default, address, out var parsed)
            || !string.Equals(parsed.Address, address, StringComparison.OrdinalIgnoreCase)
            || parsed.Domain.Length == 0
            || parsed.LocalPart.Length == 0
        )
        {
            problem = $"\"{Shorten(address)}\" is not an e-mail address.";
            return false;
        }
        if (parsed.Domain.StartsWith('[') || IPAddress.TryParse(parsed.Domain, out _))
        {
            problem = $"\"{Shorten(address)}\" names an IP address; use a mail domain.";
            return false;
        }
        mailbox = parsed;
        problem = null;
        return true;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..59] + "…";
}
