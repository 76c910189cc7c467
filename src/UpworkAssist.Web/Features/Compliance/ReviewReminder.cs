using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Routing.Email;
using UpworkAssist.Web.Features.Routing.Slack;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// Tells the Admins that the quarterly review is due, by the routes they chose: an e-mail to every
/// enabled Admin and/or one Slack message. It reuses routing's MailKit sender and Slack client.
/// </summary>
public sealed class ReviewReminder(AppDbContext db, EmailSender email, SlackClient slack, RouteSecrets secrets, IOptions<RoutingOptions> routing)
{
    public sealed record Result(int Delivered, IReadOnlyList<string> Lines)
    {
        public string Summary => Lines.Count == 0 ? "No reminder route is chosen." : string.Join("; ", Lines);
    }

    public async Task<Result> SendAsync(ComplianceReview review, CancellationToken ct)
    {
        var settings = await db.Set<ReviewReminderSettings>().AsNoTracking().SingleOrDefaultAsync(ct) ?? new ReviewReminderSettings();
        var link = routing.Value.PublicUrl.TrimEnd('/') + "/Compliance/Review";
        var text = $"The quarterly compliance review for {review.Quarter} is due. Walk the automation inventory, answer its questionnaire again, "
                   + "review the marketplace's terms with the team, and record the review with your notes: " + link;
        var lines = new List<string>();
        var delivered = 0;
        if (settings.EmailAdmins)
        {
            foreach (var address in await AdminAddressesAsync(ct))
            {
                if (!EmailAddress.TryParse(address, out var recipient, out var problem))
                {
                    lines.Add($"e-mail {address}: failed ({problem})");
                    continue;
                }
                using var message = new MimeMessage { Subject = $"UpworkAssist: the {review.Quarter} compliance review is due" };
                message.To.Add(recipient);
                message.Body = new BodyBuilder { TextBody = text }.ToMessageBody();
                var outcome = await email.SendMessageAsync(message, ct);
                delivered += Count(outcome, $"e-mail {address}", lines);
            }
        }
        if (secrets.Unprotect(settings.SlackSecretProtected) is { } secret)
        {
            var slackMessage = new SlackMessage(text,
            [
                new SectionBlock(new Markdown($"*The {review.Quarter} compliance review is due.* Walk the automation inventory, answer its questionnaire again and review the marketplace's terms with the team.")),
                new ActionsBlock([new Button(new PlainText("Open the review"), link, "open_review")]),
            ]);
            var outcome = settings.SlackChannel is { Length: > 0 } channel
                ? await slack.PostMessageAsync(secret, channel, slackMessage, ct)
                : await slack.PostWebhookAsync(new Uri(secret), slackMessage, ct);
            delivered += Count(outcome, $"Slack {settings.SlackChannel ?? "webhook " + settings.SlackSecretHint}", lines);
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
        var adminRole = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleOrDefaultAsync(ct);
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == adminRole))
            .OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(ct);
    }
}
