namespace UpworkAssist.Web.Features.Security;

/// <summary>
/// Sign-in lockout by account and client address, the same for accounts that exist and for
/// those that do not (so the answer reveals nothing): 5 failures for one e-mail from one address
/// lock that pair, and 20 failures from one address, whatever the e-mails, lock the address, each
/// for 15 minutes. Someone guessing from their own address therefore locks only themselves out; the
/// account's owner signing in from elsewhere is not affected. Kept in memory, bounded: a restart
/// forgets lockouts, which costs an attacker nothing they did not have before.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int FailuresPerAccountAndAddress = 5;
    public const int FailuresPerAddress = 20;
    public const int MaxEntries = 20_000;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset FirstFailure;
        public DateTimeOffset? LockedUntil;
        public DateTimeOffset LastSeen;
    }

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public bool IsLocked(string email, string address)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            return Locked(PairKey(email, address), now) || Locked(AddressKey(address), now);
        }
    }

    /// <summary>Counts a failed sign-in; true when this failure locked the pair or the address.</summary>
    public bool RecordFailure(string email, string address)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var pair = Count(PairKey(email, address), FailuresPerAccountAndAddress, now);
            var byAddress = Count(AddressKey(address), FailuresPerAddress, now);
            return pair || byAddress;
        }
    }

    /// <summary>A successful sign-in clears the pair's count (the address keeps its own).</summary>
    public void RecordSuccess(string email, string address)
    {
        lock (_lock)
        {
            _entries.Remove(PairKey(email, address));
        }
    }

    /// <summary>Whether any address is locked out of this account now (the Admin's users list).</summary>
    public bool IsLockedAnywhere(string email)
    {
        var now = clock.GetUtcNow();
        var prefix = PairKey(email, "");
        lock (_lock)
        {
            return _entries.Any(e => e.Key.StartsWith(prefix, StringComparison.Ordinal) && e.Value.LockedUntil > now);
        }
    }

    /// <summary>An Admin's unlock: every address may try this account again.</summary>
    public void Unlock(string email)
    {
        var prefix = PairKey(email, "");
        lock (_lock)
        {
            foreach (var key in _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private static string PairKey(string email, string address) =>
        "a:" + email.Trim().ToUpperInvariant() + "\n" + address;

    private static string AddressKey(string address) => "ip:" + address;

    private bool Locked(string key, DateTimeOffset now) => _entries.TryGetValue(key, out var e) && e.LockedUntil > now;

    private bool Count(string key, int limit, DateTimeOffset now)
    {
        if (
            !_entries.TryGetValue(key, out var entry)
            || (now - entry.FirstFailure > LockFor && entry.LockedUntil is null)
            || entry.LockedUntil <= now
        )
        {
            // A new window: first failure, or the last window (or lockout) is over.
            Prune(now);
            entry = new Entry { FirstFailure = now };
            _entries[key] = entry;
        }
        entry.LastSeen = now;
        entry.Failures++;
        if (entry.Failures >= limit && entry.LockedUntil is null)
        {
            entry.LockedUntil = now + LockFor;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Keeps memory bounded under a flood of made-up e-mails: drop what is over, then the least recently seen.
    /// </summary>
    private void Prune(DateTimeOffset now)
    {
        if (_entries.Count < MaxEntries)
            return;
        foreach (
            var key in _entries
                .Where(e => now - e.Value.LastSeen > LockFor && !(e.Value.LockedUntil > now))
                .Select(e => e.Key)
                .ToList()
        )
        {
            _entries.Remove(key);
        }
        if (_entries.Count < MaxEntries)
            return;
        foreach (
            var key in _entries
                .OrderBy(e => e.Value.LastSeen)
                .Take(_entries.Count - MaxEntries * 3 / 4)
                .Select(e => e.Key)
                .ToList()
        )
        {
            _entries.Remove(key);
        }
    }
}
