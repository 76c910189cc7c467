using System.Threading.Channels;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>Live feed figures for the status page, and the one-poll-at-a-time gate and "Poll now" signal.</summary>
public sealed class FeedMonitor(TimeProvider clock)
{
    private readonly Channel<string> _pollRequests = Channel.CreateBounded<string>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite }
    );
    private long _requests;
    private long _errors;

    public SemaphoreSlim PollGate { get; } = new(1, 1);
    public long Requests => Interlocked.Read(ref _requests);
    public long Errors => Interlocked.Read(ref _errors);
    public string? LastError { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }
    public DateTimeOffset? Last429At { get; private set; }
    public DateTimeOffset? NextPollAt { get; set; }
    public bool Polling => PollGate.CurrentCount == 0;

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public void CountError(string message)
    {
        Interlocked.Increment(ref _errors);
        LastError = message;
        LastErrorAt = clock.GetUtcNow();
    }

    public void Count429() => Last429At = clock.GetUtcNow();

    /// <summary>Asks the loop for a poll now; a second request while one is queued is the same request.</summary>
    public void RequestPoll(string trigger) => _pollRequests.Writer.TryWrite(trigger);

    public ValueTask<string> NextPollRequestAsync(CancellationToken ct) => _pollRequests.Reader.ReadAsync(ct);
}
