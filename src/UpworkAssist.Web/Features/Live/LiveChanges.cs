namespace UpworkAssist.Web.Features.Live;

/// <summary>What changed in the store, as far as open pages care.</summary>
public enum LiveTopic
{
    Matches,
    Triage,
    Drafts,
    Proposals,
}

/// <summary>
/// One change, numbered in the order it was published. A triage change names the match, its new
/// version, who made it and who owns it now, so a page showing that row can tell whether someone
/// else changed it under the reader.
/// </summary>
public sealed record LiveChange(long Number, LiveTopic Topic)
{
    public long? MatchId { get; init; }
    public int? MatchVersion { get; init; }
    public string? ChangedBy { get; init; }
    public string? AssigneeId { get; init; }
}

/// <summary>
/// The change notifier the live pages listen to. This process's writes publish here; an instance
/// behind a load balancer would implement the same interface by polling a data version kept in the
/// store, so the listeners need not change.
/// </summary>
public interface ILiveChanges
{
    /// <summary>The number of the newest change; a listener starts after it.</summary>
    long Current { get; }

    void Publish(IReadOnlyList<LiveChange> changes);

    /// <summary>The changes after <paramref name="after"/>, waiting until there is at least one.</summary>
    Task<IReadOnlyList<LiveChange>> WaitAfterAsync(long after, CancellationToken ct);
}

/// <summary>
/// One process's notifier: the last few hundred changes in memory and one task that completes on
/// the next publish. A listener that fell further behind than the buffer gets what is left, which
/// is enough: pages only refresh their counts on any change.
/// </summary>
public sealed class InProcessLiveChanges : ILiveChanges
{
    private const int Kept = 256;
    private readonly Lock _lock = new();
    private readonly Queue<LiveChange> _recent = new();
    private TaskCompletionSource _next = NewSignal();
    private long _number;

    public long Current
    {
        get
        {
            lock (_lock)
                return _number;
        }
    }

    public void Publish(IReadOnlyList<LiveChange> changes)
    {
        if (changes.Count == 0)
            return;
        TaskCompletionSource done;
        lock (_lock)
        {
            foreach (var change in changes)
            {
                _recent.Enqueue(change with { Number = ++_number });
                if (_recent.Count > Kept)
                    _recent.Dequeue();
            }
            done = _next;
            _next = NewSignal();
        }
        done.TrySetResult();
    }

    public async Task<IReadOnlyList<LiveChange>> WaitAfterAsync(long after, CancellationToken ct)
    {
        while (true)
        {
            Task signal;
            lock (_lock)
            {
                if (_number > after)
                    return [.. _recent.Where(c => c.Number > after)];
                signal = _next.Task;
            }
            await signal.WaitAsync(ct);
        }
    }

    // Continuations run off the publishing thread: a writer never runs a listener's work.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
