using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>Puts snoozed matches back in the queue as New when their time comes (every minute).</summary>
public sealed class SnoozeWake(AppDbContext db, AuditLog audit, TimeProvider clock, ILogger<SnoozeWake> logger)
{
    public const string Id = "queue-snooze-wake";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Matches.Where(m => m.Status == MatchStatus.Snoozed && m.SnoozedUntil <= now).ToListAsync(ct);
        foreach (var match in due)
        {
            match.Status = MatchStatus.New;
            match.SnoozedUntil = null;
            match.Version++;
            match.StatusChangedAt = now;
            match.StatusChangedBy = AuditLog.System;
            audit.Add(
                AuditActions.MatchSnoozeEnded,
                "match",
                match.Id.ToString(CultureInfo.InvariantCulture),
                $"posting {match.PostingId}, lane {match.LaneId}"
            );
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A person acted on one of them meanwhile; their action stands and the rest wake next minute.
            logger.LogInformation("A snoozed match changed while waking; retrying next run");
            return 0;
        }
        if (due.Count > 0)
            logger.LogInformation("{Count} snoozed matches are back in the queue", due.Count);
        return due.Count;
    }
}
