using System.Collections.Concurrent;

namespace UpworkAssist.Web.Data;

/// <summary>
/// Small read results (counts, lookup lists) kept until the store is next written (any write,
/// by any feature: a new match, an action, a user change, retention) or for at most
/// <see cref="MaxAge"/>. Speed only: a read after a write always sees the store as it is.
/// Values are shared between requests, so they must be immutable.
/// </summary>
public sealed class StoreCache(StoreWrites writes, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private sealed record Entry(long Version, DateTimeOffset At, object Value);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> read)
        where T : class
    {
        var version = writes.Version;
        var now = clock.GetUtcNow();
        if (
            _entries.TryGetValue(key, out var e)
            && e.Version == version
            && now - e.At < MaxAge
            && now >= e.At
            && e.Value is T hit
        )
        {
            return hit;
        }
        var value = await read();
        // Kept only if nothing was written while reading: the next read then reads again.
        if (writes.Version == version)
        {
            // Entries of an older version are dead weight (keys per user would otherwise pile up).
            if (_entries.Count > 256)
                _entries.Clear();
            _entries[key] = new Entry(version, now, value);
        }
        return value;
    }
}
