namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// The compliance centre's thresholds and housekeeping (section <c>Compliance</c>). Every verdict on
/// the page is computed from these numbers, and docs/compliance.md states each one.
/// </summary>
public sealed class ComplianceOptions
{
    public const string Section = "Compliance";

    /// <summary>Requests this minute or today at or above this share of the cap are amber; at the cap, red.</summary>
    public int UsageAmberPercent { get; set; } = 80;

    /// <summary>429s in the last day at or above this are red (any 429 in the last week is at least amber).</summary>
    public int RateLimitedRedPerDay { get; set; } = 3;

    /// <summary>429s in the last week at or above this are red.</summary>
    public int RateLimitedRedPerWeek { get; set; } = 10;

    /// <summary>Other errors as a share of the last day's requests: amber from this…</summary>
    public double ErrorAmberPercent { get; set; } = 2;

    /// <summary>…and red from this.</summary>
    public double ErrorRedPercent { get; set; } = 10;

    /// <summary>
    /// The busiest person's proposals in the last 24 hours at or above this share of the pace cap are amber; above the
    /// cap, red.
    /// </summary>
    public int PaceAmberPercent { get; set; } = 80;

    /// <summary>Share of the last week's proposals sent exactly as generated: amber from this…</summary>
    public double UneditedAmberPercent { get; set; } = 20;

    /// <summary>…and red from this.</summary>
    public double UneditedRedPercent { get; set; } = 50;

    /// <summary>
    /// Share of the last day's finished alerts that failed or wait on a paused route: red from this (any is amber).
    /// </summary>
    public double AlertFailureRedPercent { get; set; } = 50;

    /// <summary>
    /// Proposals one person sent outside UpworkAssist in the last 7 days (reported by the proposal sync): amber from
    /// this.
    /// </summary>
    public int OutsideAmberPerWeek { get; set; } = 1;

    /// <summary>
    /// A recorded proposal the sync has not found on the marketplace this long after its send is flagged.
    /// </summary>
    public TimeSpan NotFoundAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>An open quarterly review older than this is red.</summary>
    public TimeSpan ReviewGrace { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often an open review reminds the Admins again.</summary>
    public TimeSpan ReviewReminderInterval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a failed-poll gap stays open before the Admins are told (the next poll often reads it again).
    /// </summary>
    public TimeSpan FeedGapAlertDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long per-request rows are kept (the day counters stay); at least the week the signals look back.
    /// </summary>
    public TimeSpan RequestLogRetention { get; set; } = TimeSpan.FromDays(8);
}
