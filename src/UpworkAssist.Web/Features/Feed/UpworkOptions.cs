using Microsoft.Extensions.Options;

namespace UpworkAssist.Web.Features.Feed;

public enum FeedMode
{
    Demo,
    Api,
}

/// <summary>
/// Section `Upwork` (CONTRACTS.md), plus a few keys of the project's own, documented in docs/feed.md.
/// </summary>
public sealed class UpworkOptions
{
    public const string Section = "Upwork";
    public const int HardMaxPerMinute = 40;
    public const int HardMaxPerDay = 40_000;
    public static readonly TimeSpan HardMaxRetention = TimeSpan.FromHours(24);

    /// <summary>Unset means Demo, or Api once a ClientId is configured.</summary>
    public FeedMode? Mode { get; set; }
    public Uri GraphQlEndpoint { get; set; } = new("https://api.upwork.com/graphql");
    public Uri TokenEndpoint { get; set; } = new("https://www.upwork.com/api/v3/oauth2/token");
    public Uri AuthorizeEndpoint { get; set; } = new("https://www.upwork.com/ab/account-security/oauth2/authorize");
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? RefreshToken { get; set; }
    public string? TenantId { get; set; }
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
    public int MaxRequestsPerMinute { get; set; } = 30;
    public int MaxRequestsPerDay { get; set; } = 30_000;
    public int PageSize { get; set; } = 50;
    public TimeSpan ContentRetention { get; set; } = TimeSpan.FromDays(1);

    // The project's own keys (not in CONTRACTS.md).
    /// <summary>Pages one search may read in one poll; the rest waits, by durable cursor, for the next poll.</summary>
    public int MaxPagesPerPoll { get; set; } = 10;

    /// <summary>Whether the hosted loop polls on its own; off, only "Poll now" polls (tests, maintenance).</summary>
    public bool AutoPoll { get; set; } = true;

    /// <summary>How long one HTTP request to the marketplace may take before it counts as a timeout.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far below the previous poll's newest posting a poll reads, for postings that surface late.
    /// </summary>
    public TimeSpan PollOverlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the very first poll of a search reads (at most the retention window).</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Results one search returns at most (legacy documentation: 5,000); reaching it before the stop line is a gap.
    /// </summary>
    public int SearchResultCap { get; set; } = 5000;

    public FeedMode EffectiveMode => Mode ?? (string.IsNullOrWhiteSpace(ClientId) ? FeedMode.Demo : FeedMode.Api);
}
