using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>"Feed status": what the poller is doing and how close it runs to the marketplace's limits.</summary>
public sealed class StatusModel(
    AppDbContext db,
    FeedMonitor monitor,
    FeedSignals signals,
    MarketplaceTokens tokens,
    IOptionsMonitor<UpworkOptions> options,
    FeedGaps gaps,
    AuditLog audit,
    TimeProvider clock
) : PageModel
{
    public UpworkOptions Options => options.CurrentValue;
    public FeedMonitor Monitor => monitor;
    public RateGovernor.Usage Usage { get; private set; } = null!;
    public MarketplaceTokens.Status Connection { get; private set; } = null!;
    public PollRun? LastRun { get; private set; }
    public IReadOnlyList<PollRun> RecentRuns { get; private set; } = [];
    public int PostingsInStore { get; private set; }
    public int DemoPostings { get; private set; }
    public int SkippedToday { get; private set; }
    public int RepairedToday { get; private set; }
    public int ErrorsToday { get; private set; }
    public PollRun? LastFailed { get; private set; }
    public IReadOnlyList<FeedGap> Gaps { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Usage = await signals.UsageAsync(ct);
        Connection = await tokens.StatusAsync(ct);
        RecentRuns = await db.PollRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(10).ToListAsync(ct);
        LastRun = RecentRuns.Count > 0 ? RecentRuns[0] : null;
        PostingsInStore = await db.Postings.CountAsync(ct);
        DemoPostings = await db.Postings.CountAsync(p => p.Source == FeedSource.Demo, ct);
        Now = clock.GetUtcNow();
        var since = Now - TimeSpan.FromDays(1);
        (SkippedToday, RepairedToday, ErrorsToday) = await PollFigures.SinceAsync(db, since, ct);
        LastFailed = await db
            .PollRuns.AsNoTracking()
            .Where(r => r.Error != null)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
        Gaps = await gaps.RecentAsync(14, ct);
    }

    /// <summary>Asks the loop for a poll; the poll still waits for the rate governor like any other.</summary>
    public async Task<IActionResult> OnPostPollNowAsync(CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }
        await signals.RequestPollAsync("poll-now", ct);
        await audit.RecordAsync("feed.poll_now", "feed", ct: ct);
        TempData["Flash"] = "A poll is requested; it runs as soon as the rate governor allows.";
        return RedirectToPage();
    }
}
