using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Logging;

namespace UpworkAssist.Web.Features.Routing.Email;

/// <summary>
/// Delivers an e-mail alert through MailKit over SMTP (`Smtp:*`). One connection per message: alert volume is low.
/// </summary>
public sealed class EmailSender(IOptions<SmtpOptions> options, TimeProvider clock) : IAlertSender
{
    public AlertChannel Channel => AlertChannel.Email;

    public TimeSpan MinInterval => TimeSpan.Zero;

    public async Task<SendOutcome> SendAsync(Delivery delivery, CancellationToken ct)
    {
        var smtp = options.Value;
        var to = delivery.Target.StartsWith("mailto:", StringComparison.Ordinal)
            ? delivery.Target["mailto:".Length..]
            : delivery.Target;
        if (!EmailAddress.TryParse(to, out var recipient, out var problem))
        {
            // A route saved before the form checked this: no retry can fix it, so the route pauses with the reason.
            return new SendOutcome(SendStatus.Permanent, problem);
        }
        using var message = EmailRenderer.Render(delivery, smtp.From, recipient, clock.GetUtcNow());
        return await SendMessageAsync(message, ct);
    }

    /// <summary>
    /// Sends any message from `Smtp:From` (other features' mail, e.g. the quarterly review reminder).
    /// </summary>
    public async Task<SendOutcome> SendMessageAsync(MimeKit.MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return new SendOutcome(SendStatus.Transient, "Smtp:Host is not configured.");
        }
        if (message.From.Count == 0)
        {
            message.From.Add(MimeKit.MailboxAddress.Parse(smtp.From));
        }
        // One charset, UTF-8, for every part: MimeKit otherwise picks ISO-8859-1 for text that
        // fits it, while the HTML says UTF-8 in its markup, and clients that trust the markup
        // show "·" as "�".
        foreach (var part in message.BodyParts.OfType<MimeKit.TextPart>())
        {
            part.SetText(System.Text.Encoding.UTF8, part.Text);
        }
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            var security =
                !smtp.UseTls ? SecureSocketOptions.None
                : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            }
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
            return SendOutcome.Ok;
        }
        catch (SmtpCommandException ex)
            when ((int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted)
        {
            return new SendOutcome(SendStatus.Permanent, $"SMTP {(int)ex.StatusCode}: {ex.Message}");
        }
        catch (Exception ex)
            when (ex
                    is SmtpCommandException
                        or SmtpProtocolException
                        or SocketException
                        or IOException
                        or AuthenticationException
                        or ServiceNotConnectedException
                        or SslHandshakeException
                || (ex is OperationCanceledException && !ct.IsCancellationRequested)
            )
        {
            return new SendOutcome(
                SendStatus.Transient,
                SecretRedaction.RedactText($"{ex.GetType().Name}: {ex.Message}")
            );
        }
    }
}
