using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// One poll: for each planned search, read pages newest first (`after` = "0", then `endCursor`)
/// until a posting's own `publishedDateTime` falls below the stop line: the newest posting the
/// previous complete poll saw, less `Upwork:PollOverlap`. Renewed postings sit above newer ones,
/// so they never decide the stop, and a posting we already have is no stop sign either
/// (UPWORK_API.md "Paging and the cursor").
///
/// The cursor, the stop line and the newest posting seen so far are saved once the page before is
/// stored, so a poll cut short (restart, failure, page cap) is continued from where it stopped
/// by the next poll; upserts make a repeated page harmless. <see cref="SearchRead"/> reads a search's
/// pages. Where completeness cannot be proven the window is recorded as a <see cref="FeedGap"/>.
/// </summary>
public sealed class FeedPoller(
    AppDbContext db,
    SearchRead read,
    IFeedSearchPlan plan,
    FeedMonitor monitor,
    MarketplaceTokens tokens,
    FeedGaps gaps,
    IOptionsMonitor<UpworkOptions> options,
    TimeProvider clock,
    ILogger<FeedPoller> logger
)
{
    public async Task<PollRun> PollAsync(string trigger, CancellationToken ct)
    {
        await monitor.PollGate.WaitAsync(ct);
        try
        {
            return await PollLockedAsync(trigger, ct);
        }
        finally
        {
            monitor.PollGate.Release();
        }
    }

    private async Task<PollRun> PollLockedAsync(string trigger, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var run = new PollRun
        {
            StartedAt = clock.GetUtcNow(),
            Mode = o.EffectiveMode.ToString(),
            Trigger = trigger,
        };
        var requestsBefore = monitor.Requests;
        var errorsBefore = monitor.Errors;
        var watch = Stopwatch.StartNew();
        IReadOnlyList<FeedSearch> searches = [];
        try
        {
            var halted = o.EffectiveMode == FeedMode.Api ? (await tokens.StatusAsync(ct)).HaltReason : null;
            if (halted is not null)
            {
                run.Error = "Polling is stopped: " + halted;
            }
            else
            {
                searches = await plan.PlanAsync(ct);
                var budget = new PageBudget(o.MaxPagesPerPoll);
                foreach (var search in searches)
                {
                    await PollSearchAsync(search, run, o, budget, ct);
                }
            }
        }
        catch (FeedException ex)
        {
            run.Error = ex.Message;
            logger.LogError("Poll failed ({Failure}): {Reason}", ex.Failure, ex.Message);
            if (ex.Failure == FeedFailure.Blocked)
            {
                await tokens.HaltAsync(ex.Message, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Anything else is a failed poll too: it is counted and shown, never a silent clean run.
            run.Error = $"Unexpected {ex.GetType().Name}: {ex.Message}";
            logger.LogError(ex, "Poll failed unexpectedly");
        }
        finally
        {
            run.FinishedAt = clock.GetUtcNow();
            run.DurationMs = watch.ElapsedMilliseconds;
            run.Requests = (int)(monitor.Requests - requestsBefore);
            run.Error = run.Error is { Length: > 1000 } e ? e[..1000] : run.Error;
            if (run.Error is not null && monitor.Errors == errorsBefore)
            {
                monitor.CountError(run.Error);
            }
            run.Errors += (int)(monitor.Errors - errorsBefore);
            db.ChangeTracker.Clear();
            db.PollRuns.Add(run);
            if (run.Error is not null)
            {
                await gaps.PollFailedAsync(
                    searches.Count > 0 ? searches : await SafePlanAsync(),
                    run.Error,
                    CancellationToken.None
                );
            }
            await db.SaveChangesAsync(CancellationToken.None);
        }
        logger.LogInformation(
            "Poll ({Trigger}) done: {Requests} requests, {New} new, {Updated} updated, {Skipped} skipped, "
                + "{Repaired} repaired, {Errors} errors in {Duration} ms",
            trigger,
            run.Requests,
            run.New,
            run.Updated,
            run.Skipped,
            run.Repaired,
            run.Errors,
            run.DurationMs
        );
        return run;
    }

    private async Task<IReadOnlyList<FeedSearch>> SafePlanAsync()
    {
        try
        {
            return await plan.PlanAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return [FeedSearch.Broad];
        }
    }

    private async Task PollSearchAsync(
        FeedSearch search,
        PollRun run,
        UpworkOptions o,
        PageBudget budget,
        CancellationToken ct
    )
    {
        var cursor = await db.FeedCursors.FindAsync([search.Key], ct);
        if (cursor is null)
        {
            cursor = new FeedCursor { SearchKey = search.Key };
            db.FeedCursors.Add(cursor);
        }
        var floor = clock.GetUtcNow() - o.ContentRetention;
        if (cursor.PendingAfter is { } pending && pending != "0")
        {
            // The newest page first, so fresh postings never wait for a catch-up; it changes no
            // cursor state, since the read from the top after the catch-up covers it again.
            if (!budget.Take())
            {
                return;
            }
            await read.ReadPageAsync(search, "0", run, o, ct);
            // Then finish the poll a restart or the page cap cut short before reading what is newer.
            var line = cursor.PendingStopBelow ?? StopLine(cursor, o, floor);
            if (
                !await read.ReadAsync(
                    search,
                    cursor,
                    pending,
                    await AboveFloorAsync(search, line, floor, ct),
                    run,
                    o,
                    budget,
                    ct
                )
            )
            {
                return;
            }
        }
        cursor.PendingNewest = null;
        cursor.PendingSince = run.StartedAt;
        await read.ReadAsync(
            search,
            cursor,
            "0",
            await AboveFloorAsync(search, StopLine(cursor, o, floor), floor, ct),
            run,
            o,
            budget,
            ct
        );
    }

    private DateTimeOffset StopLine(FeedCursor cursor, UpworkOptions o, DateTimeOffset floor) =>
        // nothing was promised before the first poll
        cursor.HighWater
            is { } mark
            ? mark - o.PollOverlap
            : Later(floor, clock.GetUtcNow() - o.InitialLookback);

    /// <summary>
    /// Postings older than the retention window would be purged at once: a stop line below it is lifted and the part
    /// lost is a gap.
    /// </summary>
    private async Task<DateTimeOffset> AboveFloorAsync(
        FeedSearch search,
        DateTimeOffset line,
        DateTimeOffset floor,
        CancellationToken ct
    )
    {
        if (line >= floor)
        {
            return line;
        }
        await gaps.RecordAsync(
            search.Key,
            line,
            floor,
            FeedGapReason.BehindRetention,
            "The feed was behind by more than the retention window (the app was down, or the request caps did not "
                + "let it catch up).",
            ct
        );
        return floor;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
