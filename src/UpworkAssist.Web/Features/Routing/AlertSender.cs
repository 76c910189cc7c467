using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>One lane a posting matched, and why.</summary>
public sealed record LaneHit(string LaneId, string LaneName, IReadOnlyList<string> Keywords);

/// <summary>A posting with every lane that routed it to this target.</summary>
public sealed record DeliveryItem(Posting Posting, IReadOnlyList<LaneHit> Lanes);

/// <summary>What the dispatcher hands a sender: one message to one target (a digest carries several items).</summary>
public sealed record Delivery(
    AlertRoute Route,
    string Target,
    IReadOnlyList<DeliveryItem> Items,
    bool IsDigest,
    string PublicUrl
)
{
    public bool IsTest { get; init; }

    /// <summary>
    /// Set on a catch-up message: how many older matches are waiting for this target, this message's included.
    /// </summary>
    public int? CatchUpTotal { get; init; }

    /// <summary>The queue filtered to this message's matches.</summary>
    public string? QueueLink { get; init; }

    public string CatchUpHeadline =>
        $"{CatchUpTotal} older {(CatchUpTotal == 1 ? "match" : "matches")} while UpworkAssist was catching up"
        + (CatchUpTotal > Items.Count ? $" (this message lists {Items.Count}; more follow)" : "");
}

public enum SendStatus
{
    Delivered,

    /// <summary>Server error, timeout, refused connection: try again after a backoff.</summary>
    Transient,

    /// <summary>429: wait RetryAfter before the next message to this target only.</summary>
    RateLimited,

    /// <summary>The target is gone or forbidden: pause the route until someone fixes it.</summary>
    Permanent,

    /// <summary>Our message was rejected as malformed: a bug of ours, recorded with the payload.</summary>
    Defect,
}

public sealed record SendOutcome(SendStatus Status, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static readonly SendOutcome Ok = new(SendStatus.Delivered);
}

/// <summary>
/// Sends one delivery over one channel. Must not throw for failures of the far side; it reports them.
/// </summary>
public interface IAlertSender
{
    AlertChannel Channel { get; }

    /// <summary>Least time between two messages to one target (Slack: one per second per channel).</summary>
    TimeSpan MinInterval { get; }

    /// <summary>The interval for one target, where a channel's limit differs by target (Telegram groups).</summary>
    TimeSpan IntervalFor(string target) => MinInterval;

    Task<SendOutcome> SendAsync(Delivery delivery, CancellationToken ct);
}
