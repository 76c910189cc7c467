using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// What the stored polls of a window add up to (Feed status and the compliance signal read the same sums).
/// </summary>
public sealed record PollFigures(int Skipped, int Repaired, int Errors)
{
    /// <summary>From the stored runs, so a restart does not make a failing feed look clean.</summary>
    public static async Task<PollFigures> SinceAsync(AppDbContext db, DateTimeOffset since, CancellationToken ct)
    {
        var sums = await db
            .PollRuns.AsNoTracking()
            .Where(r => r.StartedAt > since)
            .GroupBy(_ => 1)
            .Select(g => new PollFigures(g.Sum(r => r.Skipped), g.Sum(r => r.Repaired), g.Sum(r => r.Errors)))
            .SingleOrDefaultAsync(ct);
        return sums ?? new PollFigures(0, 0, 0);
    }
}
