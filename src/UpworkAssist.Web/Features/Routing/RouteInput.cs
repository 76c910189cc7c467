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
        When(r => r.Kind == RouteKind.Slack, () =>
        {
            RuleFor(r => r.SlackSecret).NotEmpty().WithMessage("Enter an incoming-webhook URL, or a bot token with a channel.")
                .MaximumLength(500);
            RuleFor(r => r.SlackSecret)
                .Must((r, s) => hosts.SlackSecretProblem(s, r.SlackChannel) is null)
                .When(r => !string.IsNullOrEmpty(r.SlackSecret))
                .WithMessage(r => hosts.SlackSecretProblem(r.SlackSecret, r.SlackChannel));
            RuleFor(r => r.SlackChannel).MaximumLength(100).Matches("^[A-Za-z0-9_#.-]*$").WithMessage("A channel id is letters and digits, e.g. C0123456789.");
        });
        When(r => r.Kind == RouteKind.Email, () =>
            RuleFor(r => r.EmailTo).NotEmpty().WithMessage("Enter one or more e-mail addresses.").MaximumLength(1000)
                .Must(list => Problem(list) is null)
                .WithMessage(r => "Separate addresses with commas. " + Problem(r.EmailTo)));
        RuleFor(r => r.TimeZone).Must(DeliverySchedule.IsKnownZone).WithMessage("Use an IANA time zone such as Europe/Berlin or UTC.");
        RuleFor(r => r.QuietTo).NotNull().When(r => r.QuietFrom is not null).WithMessage("Quiet hours need an end.");
        RuleFor(r => r.QuietFrom).NotNull().When(r => r.QuietTo is not null).WithMessage("Quiet hours need a start.");
        RuleFor(r => r.DigestAt).NotNull().When(r => r.Mode == RouteMode.Daily).WithMessage("A daily digest needs a time.");
    }

    /// <summary>The first address the sender could not send to, said why; null when every one is sendable.</summary>
    private static string? Problem(string? list) =>
        AlertPlanner.EmailAddresses(list).Select(a => EmailAddress.TryParse(a, out _, out var problem) ? null : problem).FirstOrDefault(p => p is not null);
}
