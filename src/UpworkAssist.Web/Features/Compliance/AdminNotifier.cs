using Microsoft.EntityFrameworkCore;
using MimeKit;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Routing.Email;
using UpworkAssist.Web.Features.Routing.Slack;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// What the Admins are told: a subject and plain text (e-mail, and Slack's notification text), a
/// Slack headline in mrkdwn (already escaped), and one link to where it is dealt with.
/// </summary>
public sealed record AdminMessage(
    string Subject,
    string Text,
    string SlackMarkdown,
    string LinkLabel,
    string Link,
    string LinkActionId
);

/// <summary>
/// Tells the Admins something by the routes they chose on the review page (<see cref="ReviewReminderSettings"/>):
/// an e-mail to every enabled Admin and/or one Slack message. The quarterly review reminder and the
/// feed's gap and token alerts all go through here, with routing's MailKit sender and Slack client.
/// </summary>
public sealed class AdminNotifier(AppDbContext db, EmailSender email, SlackClient slack, RouteSecrets secrets)
{
    public sealed record Result(int Delivered, IReadOnlyList<string> Lines)
    {
        public string Summary => Lines.Count == 0 ? "No Admin route is chosen." : string.Join("; ", Lines);
    }

    public async Task<Result> SendAsync(AdminMessage message, CancellationToken ct)
    {
        var settings =
            await db.ReviewReminderSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new ReviewReminderSettings();
        var lines = new List<string>();
        var delivered = 0;
        if (settings.EmailAdmins)
        {
            foreach (var address in await AdminAddressesAsync(ct))
            {
                // The sender's own parser: an address it cannot use is reported, not thrown.
                if (!EmailAddress.TryParse(address, out var recipient, out var problem))
                {
                    lines.Add($"e-mail {address}: failed ({problem})");
                    continue;
                }
                using var mail = new MimeMessage { Subject = message.Subject };
                mail.To.Add(recipient);
                mail.Body = new BodyBuilder { TextBody = message.Text }.ToMessageBody();
                var outcome = await email.SendMessageAsync(mail, ct);
                delivered += Count(outcome, $"e-mail {address}", lines);
            }
        }
        if (secrets.Unprotect(settings.SlackSecretProtected) is { } secret)
        {
            var slackMessage = new SlackMessage(
                SlackMessageBuilder.Truncate(message.Text, SlackMessage.MaxText),
                [
                    new SectionBlock(
                        new Markdown(SlackMessageBuilder.Truncate(message.SlackMarkdown, SectionBlock.MaxText))
                    ),
                    new ActionsBlock([
                        new Button(new PlainText(message.LinkLabel), message.Link, message.LinkActionId),
                    ]),
                ]
            );
            var outcome = settings.SlackChannel is { Length: > 0 } channel
                ? await slack.PostMessageAsync(secret, channel, slackMessage, ct)
                : await slack.PostWebhookAsync(new Uri(secret), slackMessage, ct);
            delivered += Count(
                outcome,
                $"Slack {settings.SlackChannel ?? "webhook " + settings.SlackSecretHint}",
                lines
            );
        }
        return new Result(delivered, lines);
    }

    private static int Count(SendOutcome outcome, string route, List<string> lines)
    {
        var ok = outcome.Status == SendStatus.Delivered;
        lines.Add(ok ? $"{route}: sent" : $"{route}: failed ({outcome.Error})");
        return ok ? 1 : 0;
    }

    private async Task<List<string>> AdminAddressesAsync(CancellationToken ct)
    {
        var adminRole = await db
            .Roles.AsNoTracking()
            .Where(r => r.Name == Roles.Admin)
            .Select(r => r.Id)
            .SingleOrDefaultAsync(ct);
        return await db
            .Users.AsNoTracking()
            .Where(u =>
                !u.IsDisabled && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == adminRole)
            )
            .OrderBy(u => u.Email)
            .Select(u => u.Email!)
            .ToListAsync(ct);
    }
}
