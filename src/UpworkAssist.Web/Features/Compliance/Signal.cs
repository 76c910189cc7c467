namespace UpworkAssist.Web.Features.Compliance;

public enum Verdict
{
    Green,
    Amber,
    Red,
}

/// <summary>One measured signal: what was measured, against which thresholds, the verdict and why.</summary>
public sealed record Signal(
    string Key,
    string Name,
    string Measured,
    string Thresholds,
    Verdict Verdict,
    string Reason
);

/// <summary>A warning sign from the background reading and the signals that measure it.</summary>
public sealed record WarningSign(string Sign, IReadOnlyList<string> SignalKeys);

/// <summary>One person's proposals in the pace window.</summary>
public sealed record PersonPace(string FreelancerId, string Name, int Proposals, Verdict Verdict);

/// <summary>Everything the compliance page shows, measured at one instant.</summary>
public sealed record ComplianceState(
    DateTimeOffset MeasuredAt,
    IReadOnlyList<Signal> Signals,
    IReadOnlyList<PersonPace> Pace
)
{
    public static readonly IReadOnlyList<WarningSign> WarningSigns =
    [
        new("Sending more proposals per day than a person could realistically write", ["pace", "unedited", "outside"]),
        new(
            "Getting rate-limit errors or \"are you human?\" checks often",
            ["rate-limited", "requests-minute", "requests-day", "errors"]
        ),
        new("Relying on tools that need your marketplace login", ["risky-tools", "connection"]),
        new("Not knowing what your automation does in the background", ["inventory", "review"]),
    ];

    public Signal this[string key] => Signals.Single(s => s.Key == key);

    public Verdict Overall => Signals.Count == 0 ? Verdict.Green : Signals.Max(s => s.Verdict);
}

/// <summary>Calendar quarters in UTC: "2026-Q4" starts on 1 October.</summary>
public static class Quarters
{
    public static string Of(DateTimeOffset at) => $"{at.UtcDateTime.Year}-Q{((at.UtcDateTime.Month - 1) / 3) + 1}";

    public static DateTimeOffset StartOf(DateTimeOffset at) =>
        new(at.UtcDateTime.Year, (((at.UtcDateTime.Month - 1) / 3) * 3) + 1, 1, 0, 0, 0, TimeSpan.Zero);
}
