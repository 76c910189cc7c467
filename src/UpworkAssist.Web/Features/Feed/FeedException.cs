namespace UpworkAssist.Web.Features.Feed;

public enum FeedFailure
{
    /// <summary>The document is not a query; nothing was sent.</summary>
    Refused,

    /// <summary>No usable grant (never connected, or invalid_grant): a human must connect.</summary>
    NeedsReconnect,

    /// <summary>403 with an HTML body: a block at the edge; a human must look.</summary>
    Blocked,
    RateLimited,
    ServerError,
    Timeout,
    GraphQlErrors,
    InvalidResponse,

    /// <summary>Another instance holds the poll lease now; this one stopped before sending.</summary>
    LeaseLost,
}

/// <summary>A failed marketplace call. <see cref="StopsPolling"/> failures halt the feed until a human acts.</summary>
public sealed class FeedException : Exception
{
    public FeedException()
        : this(FeedFailure.InvalidResponse, "The marketplace call failed.") { }

    public FeedException(string message)
        : this(FeedFailure.InvalidResponse, message) { }

    public FeedException(string message, Exception inner)
        : base(message, inner) => Failure = FeedFailure.InvalidResponse;

    public FeedException(FeedFailure failure, string message, Exception? inner = null)
        : base(message, inner) => Failure = failure;

    public FeedFailure Failure { get; }

    public bool StopsPolling => Failure is FeedFailure.NeedsReconnect or FeedFailure.Blocked;
}
