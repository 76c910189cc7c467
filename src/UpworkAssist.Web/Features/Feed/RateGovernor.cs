using Microsoft.Extensions.Options;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The client's own speed limit. Before every request to the marketplace it checks both caps over
/// sliding windows (any 60 seconds, any 24 hours) and any 429 back-off, and grants a turn only when
/// all allow it; otherwise it says how long to wait. All on the injected clock. With several
/// instances it also refuses a turn once this instance lost the poll lease (docs/adr/0007).
/// </summary>
public sealed class RateGovernor(IOptionsMonitor<UpworkOptions> options, TimeProvider clock, IPollLease? lease = null)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _minute = new();
    private readonly Queue<DateTimeOffset> _day = new();
    private int _consecutive429;

    public DateTimeOffset? BlockedUntil { get; private set; }
    public DateTimeOffset? Last429At { get; private set; }

    public sealed record Usage(
        int ThisMinute,
        int Today,
        int MinuteCap,
        int DayCap,
        DateTimeOffset? BlockedUntil,
        DateTimeOffset? Last429At
    );

    /// <summary>Takes a turn if one is free now (returns zero), else returns how long until one may be.</summary>
    public TimeSpan TryTake()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            Trim(now);
            var o = options.CurrentValue;
            var wait = TimeSpan.Zero;
            if (BlockedUntil is { } until && until > now)
            {
                wait = until - now;
            }
            if (_minute.Count >= o.MaxRequestsPerMinute)
            {
                // The turn frees when enough of the last minute's requests leave the window.
                wait = Max(wait, Nth(_minute, _minute.Count - o.MaxRequestsPerMinute) + Minute - now);
            }
            if (_day.Count >= o.MaxRequestsPerDay)
            {
                wait = Max(wait, Nth(_day, _day.Count - o.MaxRequestsPerDay) + Day - now);
            }
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }
            _day.Enqueue(now);
            _minute.Enqueue(now);
            return TimeSpan.Zero;
        }
    }

    /// <summary>Waits, on the clock, until a turn is free and takes it.</summary>
    public async Task WaitTurnAsync(CancellationToken ct)
    {
        while (true)
        {
            var wait = TryTake();
            if (wait == TimeSpan.Zero)
            {
                // Last, right before the request: another instance may have taken over meanwhile.
                if (lease is not null && !await lease.StillHeldAsync(ct))
                {
                    throw new FeedException(
                        FeedFailure.LeaseLost,
                        "This instance lost the poll lease; the instance that holds it now polls."
                    );
                }
                return;
            }
            await Task.Delay(wait, clock, ct);
        }
    }

    /// <summary>Records a 429: no turn until Retry-After, or 60 s doubling with each 429 in a row.</summary>
    public TimeSpan Throttled(TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            _consecutive429++;
            var backoff =
                retryAfter is { } r && r > TimeSpan.Zero
                    ? r
                    : TimeSpan.FromTicks(
                        Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks * (1L << Math.Min(_consecutive429 - 1, 10)))
                    );
            Last429At = now;
            BlockedUntil = now + backoff;
            return backoff;
        }
    }

    public void Succeeded()
    {
        lock (_gate)
        {
            _consecutive429 = 0;
        }
    }

    /// <summary>
    /// Replaces the windows with the store's request log, so requests made before a restart or by
    /// another instance count, and holds a Retry-After another instance was given. Called when this
    /// instance takes the poll lease (at start on SQLite).
    /// </summary>
    public void Reseed(IEnumerable<DateTimeOffset> requestTimes, DateTimeOffset? blockedUntil)
    {
        lock (_gate)
        {
            _day.Clear();
            _minute.Clear();
            if (blockedUntil is { } b && !(BlockedUntil >= b))
            {
                BlockedUntil = b;
            }
            foreach (var t in requestTimes.Order())
            {
                _day.Enqueue(t);
                _minute.Enqueue(t);
            }
            Trim(clock.GetUtcNow());
        }
    }

    public Usage Current()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            Trim(now);
            var o = options.CurrentValue;
            return new Usage(
                _minute.Count,
                _day.Count,
                o.MaxRequestsPerMinute,
                o.MaxRequestsPerDay,
                BlockedUntil > now ? BlockedUntil : null,
                Last429At
            );
        }
    }

    private void Trim(DateTimeOffset now)
    {
        while (_day.Count > 0 && _day.Peek() <= now - Day)
        {
            _day.Dequeue();
        }
        while (_minute.Count > 0 && _minute.Peek() <= now - Minute)
        {
            _minute.Dequeue();
        }
    }

    // Usually the head; deeper only when seeding put more than the cap in the window.
    private static DateTimeOffset Nth(Queue<DateTimeOffset> queue, int index) =>
        index == 0 ? queue.Peek() : queue.ElementAt(index);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
