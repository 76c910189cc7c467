namespace UpworkAssist.Web.Features.Analytics;

/// <summary>
/// Benchmark baselines shown beside each rate, and when a sample is too small to trust (section <c>Analytics</c>).
/// </summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>Below this many proposals a rate carries a small-sample warning.</summary>
    public int MinimumSample { get; set; } = 30;

    public BaselineOptions Baselines { get; set; } = new();

    /// <summary>
    /// How long a built report may be reused while the proposals it counts are unchanged (triage
    /// labels, which do not change that version, may lag this much); 0 builds every view afresh.
    /// </summary>
    public int ReportCacheSeconds { get; set; } = 60;

    public TimeSpan ReportCache => TimeSpan.FromSeconds(ReportCacheSeconds);
}

/// <summary>Published agency figures by default: reply 20–35%, shortlist 10–20%, win 5–12% of proposals sent.</summary>
public sealed class BaselineOptions
{
    public Baseline Reply { get; set; } = new() { Low = 0.20, High = 0.35 };
    public Baseline Shortlist { get; set; } = new() { Low = 0.10, High = 0.20 };
    public Baseline Win { get; set; } = new() { Low = 0.05, High = 0.12 };
}

public sealed class Baseline
{
    public double Low { get; set; }
    public double High { get; set; }

    public bool IsValid => Low is >= 0 and <= 1 && High is >= 0 and <= 1 && Low <= High;

    /// <summary>
    /// Where a rate stands against the range: below or above when its whole interval is outside;
    /// a rate outside the range whose interval still overlaps it says both, so 50% against
    /// 20–35% never reads as "within".
    /// </summary>
    public string Judge(Rate rate) =>
        rate.Trials == 0 ? "no data"
        : rate.High < Low ? "below"
        : rate.Low > High ? "above"
        : rate.Value > High ? "above the range, interval overlaps it"
        : rate.Value < Low ? "below the range, interval overlaps it"
        : "within";
}
