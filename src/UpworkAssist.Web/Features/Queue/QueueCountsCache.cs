using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>
/// The team-wide queue counts, kept until the store is next written (any write, by any
/// feature: a new match, an action, retention) or for at most <see cref="MaxAge"/>. Speed
/// only: every page view still shows the counts of the store as it is.
/// </summary>
public sealed class QueueCountsCache(StoreWrites writes, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private sealed record Entry(long Version, DateTimeOffset At, IReadOnlyList<QueueCount> Counts);

    private volatile Entry? _entry;

    public async Task<List<QueueCount>> GetAsync(Func<Task<List<QueueCount>>> count)
    {
        var version = writes.Version;
        var now = clock.GetUtcNow();
        if (_entry is { } e && e.Version == version && now - e.At < MaxAge && now >= e.At) return [.. e.Counts];
        var counts = await count();
        // Kept only if nothing was written while counting: the next read then re-counts.
        if (writes.Version == version) _entry = new Entry(version, now, [.. counts]);
        return counts;
    }
}
