using FluentValidation;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Routing;

namespace UpworkAssist.Web.Features.Lanes;

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
    public RouteInputValidator()
    {
        When(r => r.Kind == RouteKind.Slack, () =>
        {
            RuleFor(r => r.SlackSecret).NotEmpty().WithMessage("Enter an incoming-webhook URL, or a bot token with a channel.")
                .MaximumLength(500);
            RuleFor(r => r.SlackSecret)
                // Plain http only to this machine (a local relay or a test double).
                .Must(s => Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && u.IsLoopback)))
                .When(r => string.IsNullOrWhiteSpace(r.SlackChannel))
                .WithMessage("Without a channel this must be an https incoming-webhook URL.");
            RuleFor(r => r.SlackSecret).Must(s => s!.StartsWith("xox", StringComparison.Ordinal))
                .When(r => !string.IsNullOrWhiteSpace(r.SlackChannel) && !string.IsNullOrEmpty(r.SlackSecret))
                .WithMessage("With a channel this must be a bot token (xoxb-…).");
            RuleFor(r => r.SlackChannel).MaximumLength(100);
        });
        When(r => r.Kind == RouteKind.Email, () =>
            RuleFor(r => r.EmailTo).NotEmpty().WithMessage("Enter one or more e-mail addresses.").MaximumLength(1000)
                .Must(list => AlertPlanner.EmailAddresses(list).All(a => a.Contains('@', StringComparison.Ordinal) && a.Length <= 190))
                .WithMessage("Separate addresses with commas; each needs an @."));
        RuleFor(r => r.TimeZone).Must(DeliverySchedule.IsKnownZone).WithMessage("Use an IANA time zone such as Europe/Berlin or UTC.");
        RuleFor(r => r.QuietTo).NotNull().When(r => r.QuietFrom is not null).WithMessage("Quiet hours need an end.");
        RuleFor(r => r.QuietFrom).NotNull().When(r => r.QuietTo is not null).WithMessage("Quiet hours need a start.");
        RuleFor(r => r.DigestAt).NotNull().When(r => r.Mode == RouteMode.Daily).WithMessage("A daily digest needs a time.");
    }
}
