using FluentValidation;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Routing.Email;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>The "add route" form. The secret is write-only: it is never sent back to the browser.</summary>
public sealed record RouteInput
{
    public RouteKind Kind { get; init; } = RouteKind.Slack;
    public string? SlackSecret { get; init; }
    public string? SlackChannel { get; init; }
    public string? EmailTo { get; init; }

    /// <summary>A Discord channel webhook or a Teams Workflows webhook URL.</summary>
    public string? ChannelUrl { get; init; }
    public string? TelegramToken { get; init; }
    public string? TelegramChatId { get; init; }
    public RouteMode Mode { get; init; } = RouteMode.Immediate;
    public TimeOnly? DigestAt { get; init; }
    public TimeOnly? QuietFrom { get; init; }
    public TimeOnly? QuietTo { get; init; }
    public string TimeZone { get; init; } = "UTC";
}

internal sealed class RouteInputValidator : AbstractValidator<RouteInput>
{
    public RouteInputValidator(TargetHosts hosts)
    {
        When(
            r => r.Kind == RouteKind.Slack,
            () =>
            {
                RuleFor(r => r.SlackSecret)
                    .NotEmpty()
                    .WithMessage("Enter an incoming-webhook URL, or a bot token with a channel.")
                    .MaximumLength(500);
                RuleFor(r => r.SlackSecret)
                    .Must((r, s) => hosts.SlackSecretProblem(s, r.SlackChannel) is null)
                    .When(r => !string.IsNullOrEmpty(r.SlackSecret))
                    .WithMessage(r => hosts.SlackSecretProblem(r.SlackSecret, r.SlackChannel));
                RuleFor(r => r.SlackChannel)
                    .MaximumLength(100)
                    .Matches("^[A-Za-z0-9_#.-]*$")
                    .WithMessage("A channel id is letters and digits, e.g. C0123456789.");
            }
        );
        When(
            r => r.Kind == RouteKind.Email,
            () =>
                RuleFor(r => r.EmailTo)
                    .NotEmpty()
                    .WithMessage("Enter one or more e-mail addresses.")
                    .MaximumLength(1000)
                    .Must(list => Problem(list) is null)
                    .WithMessage(r => "Separate addresses with commas. " + Problem(r.EmailTo))
        );
        When(
            r => r.Kind is RouteKind.Discord or RouteKind.Teams,
            () =>
                RuleFor(r => r.ChannelUrl)
                    .NotEmpty()
                    .WithMessage("Enter the channel's webhook URL.")
                    .MaximumLength(1000)
                    .Must((r, u) => ChannelTargets.UrlProblem(hosts, r.Kind, u) is null)
                    .WithMessage(r => ChannelTargets.UrlProblem(hosts, r.Kind, r.ChannelUrl))
        );
        When(
            r => r.Kind == RouteKind.Telegram,
            () =>
            {
                RuleFor(r => r.TelegramToken)
                    .NotEmpty()
                    .WithMessage("Enter the bot token from @BotFather.")
                    .Matches(@"^\d{3,20}:[A-Za-z0-9_-]{30,100}$")
                    .WithMessage("A bot token looks like 123456789:AAH…, as @BotFather gives it.");
                RuleFor(r => r.TelegramChatId)
                    .NotEmpty()
                    .WithMessage("Enter the chat id.")
                    .Matches(@"^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$")
                    .WithMessage("A chat id is a number (groups start with -100) or @channelname.");
            }
        );
        RuleFor(r => r.TimeZone)
            .Must(DeliverySchedule.IsKnownZone)
            .WithMessage("Use an IANA time zone such as Europe/Berlin or UTC.");
        RuleFor(r => r.QuietTo).NotNull().When(r => r.QuietFrom is not null).WithMessage("Quiet hours need an end.");
        RuleFor(r => r.QuietFrom).NotNull().When(r => r.QuietTo is not null).WithMessage("Quiet hours need a start.");
        RuleFor(r => r.DigestAt)
            .NotNull()
            .When(r => r.Mode == RouteMode.Daily)
            .WithMessage("A daily digest needs a time.");
    }

    /// <summary>The first address the sender could not send to, said why; null when every one is sendable.</summary>
    private static string? Problem(string? list) =>
        AlertPlanner
            .EmailAddresses(list)
            .Select(a => EmailAddress.TryParse(a, out _, out var problem) ? null : problem)
            .FirstOrDefault(p => p is not null);
}
