namespace UpworkAssist.Web.Features.Routing;

/// <summary>The dispatcher's knobs (section `Routing`).</summary>
public sealed class RoutingOptions
{
    /// <summary>Runs the dispatcher loop in this process; tests drive it by hand instead.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>Time between dispatcher runs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A claim older than this is taken to be from a dispatcher that died; the row is claimed again.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Rows looked at per run.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Transient failures in a row after which a delivery is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 25;

    /// <summary>First and longest wait after a transient failure (doubling per failure in a row).</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Postings published longer ago are matched but not alerted (a lane edit re-matches old postings).
    /// </summary>
    public TimeSpan MaxAlertAge { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// An immediate alert for a posting published longer ago than this is a catch-up alert: it
    /// waits behind fresh ones and goes out in "older matches" messages, never ahead of them.
    /// </summary>
    public TimeSpan FreshAlertAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Postings one catch-up message lists at most: Slack's 50-block limit fits six beside the headline.
    /// </summary>
    public int CatchUpBatchSize { get; set; } = Slack.SlackMessageBuilder.CatchUpItemsPerMessage;

    /// <summary>
    /// Hosts route targets may reach besides Slack's own (`host` for any port, `host:port` for one;
    /// names or IP literals): a relay inside the network, or a test double on 127.0.0.1.
    /// </summary>
    public List<string> AllowedTargetHosts { get; set; } = [];

    /// <summary>This application's public address, for "Open in UpworkAssist" links.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000/";
}

/// <summary>Slack (section `Slack`).</summary>
public sealed class SlackOptions
{
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Slack allows about one message per second per channel.</summary>
    public TimeSpan PerChannelInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Outgoing mail (section `Smtp`). The password comes from user-secrets or the environment.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "UpworkAssist <alerts@localhost>";
    public bool UseTls { get; set; } = true;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
