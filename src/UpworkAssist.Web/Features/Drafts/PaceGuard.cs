using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Drafts;

public enum PaceLevel
{
    Ok,
    Warning,
    Blocked,
    Lifted,
}

/// <summary>
/// One person's proposals today against the cap; Lifted means an Admin or Lead lifted the block for today.
/// </summary>
public sealed record PaceStatus(int SentToday, int Cap, PaceLevel Level, PaceOverride? Override)
{
    public bool MaySend => Level != PaceLevel.Blocked;
}

/// <summary>
/// The human pace guard: proposals per person per UTC day against Drafts:DailyProposalCap (those
/// recorded here and those the proposal sync found on the marketplace, each one Proposal row),
/// a warning from 80%, a block at 100% that an Admin or Lead can lift for the rest of the day.
/// </summary>
public sealed class PaceGuard(AppDbContext db, IOptions<DraftingOptions> options, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<PaceStatus> StatusAsync(string userId, CancellationToken ct)
    {
        var cap = options.Value.DailyProposalCap;
        var (from, to) = DayRange(Today);
        var sent = await db.Proposals.CountAsync(
            p => p.FreelancerId == userId && p.SentAt >= from && p.SentAt < to,
            ct
        );
        var lift = await db
            .PaceOverrides.AsNoTracking()
            .Where(o => o.UserId == userId && o.Day == Today)
            .OrderByDescending(o => o.Id)
            .FirstOrDefaultAsync(ct);
        var level =
            sent >= cap ? (lift is null ? PaceLevel.Blocked : PaceLevel.Lifted)
            : sent * 5 >= cap * 4 ? PaceLevel.Warning
            : PaceLevel.Ok;
        return new PaceStatus(sent, cap, level, lift);
    }

    /// <summary>Proposals per person today, for the team view.</summary>
    public async Task<Dictionary<string, int>> SentTodayByPersonAsync(CancellationToken ct)
    {
        var (from, to) = DayRange(Today);
        return await db
            .Proposals.Where(p => p.SentAt >= from && p.SentAt < to)
            .GroupBy(p => p.FreelancerId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    public static (DateTimeOffset From, DateTimeOffset To) DayRange(DateOnly day)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (from, from.AddDays(1));
    }
}
