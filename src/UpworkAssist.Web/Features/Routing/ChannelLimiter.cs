using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// Each target's send slot and back-off, shared by the dispatcher and "Send test message", so a test
/// can never break the channel's rate limit or ignore a Retry-After the far side asked for.
/// </summary>
public sealed class ChannelLimiter(AppDbContext db)
{
    /// <summary>When the target may next be sent to, if that is later than <paramref name="now"/>.</summary>
    public async Task<DateTimeOffset?> BlockedUntilAsync(string target, DateTimeOffset now, CancellationToken ct)
    {
        var next = await db
            .ChannelThrottles.AsNoTracking()
            .Where(t => t.Target == target)
            .Select(t => (DateTimeOffset?)t.NextAllowedAt)
            .SingleOrDefaultAsync(ct);
        return next > now ? next : null;
    }

    /// <summary>
    /// Takes the target's next send slot with a conditional UPDATE, so two senders running at once
    /// cannot both send to one Slack channel within its interval. That holds across instances on
    /// PostgreSQL too: a second UPDATE of the row waits for the first to commit and then checks its
    /// condition again on the new row (READ COMMITTED), so it finds the slot taken; two first
    /// sends race on the primary key and the loser's insert fails.
    /// </summary>
    public async Task<bool> TryReserveAsync(string target, TimeSpan interval, DateTimeOffset now, CancellationToken ct)
    {
        if (interval <= TimeSpan.Zero)
        {
            return true;
        }
        var next = now + interval;
        if (
            await db
                .ChannelThrottles.Where(t => t.Target == target && t.NextAllowedAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.NextAllowedAt, next), ct) == 1
        )
        {
            return true;
        }
        if (await db.ChannelThrottles.AnyAsync(t => t.Target == target, ct))
        {
            return false;
        }
        db.ChannelThrottles.Add(new ChannelThrottle { Target = target, NextAllowedAt = next });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another sender created it first
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A 429 from the far side: nothing goes to the target until its Retry-After has passed.</summary>
    public async Task HoldAsync(string target, TimeSpan wait, DateTimeOffset now, CancellationToken ct)
    {
        var until = now + wait;
        if (
            await db
                .ChannelThrottles.Where(t => t.Target == target)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.NextAllowedAt, until), ct) == 0
        )
        {
            db.ChannelThrottles.Add(new ChannelThrottle { Target = target, NextAllowedAt = until });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);
}
