using System.Diagnostics;
using System.Runtime.ExceptionServices;
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
/// by the next poll; upserts make a repeated page harmless. The next page is asked for while the
/// last one is stored (<see cref="PageReadAhead{T}"/>): a page says itself whether the read goes on.
/// Where completeness cannot be proven the window is recorded as a <see cref="FeedGap"/>.
/// </summary>
public sealed class FeedPoller(
    AppDbContext db,
    PostingIngest ingest,
    IJobSearchSource source,
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
            await ReadPageAsync(search, "0", run, o, ct);
            // Then finish the poll a restart or the page cap cut short before reading what is newer.
            var line = cursor.PendingStopBelow ?? StopLine(cursor, o, floor);
            if (
                !await ReadAsync(
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
        await ReadAsync(
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

    private async Task<bool> ReadAsync(
        FeedSearch search,
        FeedCursor cursor,
        string after,
        DateTimeOffset stopBelow,
        PollRun run,
        UpworkOptions o,
        PageBudget budget,
        CancellationToken ct
    )
    {
        if (!budget.Take())
        {
            return await CappedAsync(search, cursor, after, o, ct);
        }
        cursor.PendingAfter = after;
        cursor.PendingStopBelow = stopBelow;
        cursor.PendingSince ??= run.StartedAt;
        await db.SaveChangesAsync(ct);
        var reading = new PageReadAhead<FetchedPage>(t => FetchAsync(search, after, o, t), ct);
        try
        {
            while (true)
            {
                var page = await reading.Page;
                await reading.DisposeAsync();
                var now = clock.GetUtcNow();
                // Renewed postings are listed by their renewal, above newer ones: only first publications
                // say where we are.
                var firsts = page.Postings.Where(p => p.RenewedAt is null).Select(p => p.PublishedAt).ToList();
                var reachedLine = firsts.Any(p => p < stopBelow);
                var lastPage = !page.Result.HasNextPage || string.IsNullOrEmpty(page.Result.EndCursor);
                var next = reachedLine || lastPage ? null : page.Result.EndCursor!;

                // Whether to read on is decided by the page itself, so the next one is asked for while
                // this one is stored: the same requests as one page after the other, in less time. The
                // saved cursor still names this page until it is stored (a crash reads it again).
                reading =
                    next is not null && budget.Take()
                        ? new PageReadAhead<FetchedPage>(t => FetchAsync(search, next, o, t), ct)
                        : null;
                await StoreAsync(page, run, ct);
                if (firsts.Count > 0)
                {
                    cursor.PendingNewest =
                        cursor.PendingNewest is { } seen && seen > firsts.Max() ? seen : firsts.Max();
                }
                if (next is null)
                {
                    if (!reachedLine && page.Result.TotalCount >= o.SearchResultCap)
                    {
                        var oldest = firsts.Count > 0 ? firsts.Min() : now;
                        await gaps.RecordAsync(
                            search.Key,
                            stopBelow,
                            oldest,
                            FeedGapReason.ResultCap,
                            $"The search ended at its cap of {o.SearchResultCap} results before reaching the "
                                + "previous poll's postings.",
                            ct
                        );
                    }
                    await CompleteAsync(search, cursor, ct);
                    return true;
                }
                if (reading is null)
                {
                    return await CappedAsync(search, cursor, next, o, ct);
                }
                cursor.PendingAfter = next;
                await db.SaveChangesAsync(ct);
            }
        }
        catch (Exception ex) when (reading is not null)
        {
            // A failed store (or cursor save) gives up the page being read ahead: cancelled, awaited. If
            // that read had met the marketplace's block, the block is what the poll reports, since it
            // halts the feed; the store's own failure is logged here.
            if (await reading.AbandonAsync() is FeedException { Failure: FeedFailure.Blocked } blocked)
            {
                logger.LogError(ex, "Storing a page failed while the next page's read was blocked");
                ExceptionDispatchInfo.Throw(blocked);
            }
            throw;
        }
        finally
        {
            if (reading is not null)
            {
                await reading.DisposeAsync();
            }
        }
    }

    private async Task<bool> CappedAsync(
        FeedSearch search,
        FeedCursor cursor,
        string after,
        UpworkOptions o,
        CancellationToken ct
    )
    {
        cursor.PendingAfter = after;
        await db.SaveChangesAsync(ct);
        logger.LogWarning(
            "Search {Search} reached the cap of {Pages} pages; the next poll continues from its cursor",
            search.Key,
            o.MaxPagesPerPoll
        );
        return false;
    }

    /// <summary>A page as read and mapped, not yet stored, with what its mapping repaired and skipped.</summary>
    private sealed record FetchedPage(SearchPage Result, List<Posting> Postings, int Repaired, int Skipped);

    /// <summary>Reads one page and stores what maps (the newest page before a catch-up).</summary>
    private async Task ReadPageAsync(
        FeedSearch search,
        string after,
        PollRun run,
        UpworkOptions o,
        CancellationToken ct
    )
    {
        await StoreAsync(await FetchAsync(search, after, o, ct), run, ct);
    }

    /// <summary>Reads and maps one page; a node that cannot be mapped costs only itself. Touches no store.</summary>
    private async Task<FetchedPage> FetchAsync(FeedSearch search, string after, UpworkOptions o, CancellationToken ct)
    {
        var result = await source.SearchAsync(search, after, o.PageSize, ct);
        var now = clock.GetUtcNow();
        var postings = new List<Posting>(result.Nodes.Count);
        var (repairs, skips) = (0, 0);
        foreach (var node in result.Nodes)
        {
            if (PostingMapper.TryMap(node, source.Source, now, out var posting, out var problem, out var repaired))
            {
                postings.Add(posting);
                repairs += repaired ? 1 : 0;
            }
            else
            {
                skips++;
                logger.LogWarning(
                    "Skipped a node that cannot be mapped ({Search}, after {After}): {Problem}",
                    search.Key,
                    after,
                    problem
                );
            }
        }
        return new FetchedPage(result, postings, repairs, skips);
    }

    private async Task StoreAsync(FetchedPage page, PollRun run, CancellationToken ct)
    {
        run.Repaired += page.Repaired;
        run.Skipped += page.Skipped;
        var stored = await ingest.UpsertAsync(page.Postings, ct);
        run.New += stored.New;
        run.Updated += stored.Updated;
        run.Errors += stored.ListenerErrors;
    }

    private async Task CompleteAsync(FeedSearch search, FeedCursor cursor, CancellationToken ct)
    {
        var began = cursor.PendingSince ?? clock.GetUtcNow();
        if (cursor.PendingNewest is { } newest && (cursor.HighWater is not { } mark || newest > mark))
        {
            cursor.HighWater = newest;
        }
        cursor.PendingAfter = null;
        cursor.PendingSince = null;
        cursor.PendingStopBelow = null;
        cursor.PendingNewest = null;
        cursor.LastCompletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        // Reads chain down to the previous mark, so the store now holds everything published before this read began.
        await gaps.CloseCoveredAsync(search.Key, began, ct);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>Pages one poll may read across all its searches.</summary>
    private sealed class PageBudget(int pages)
    {
        private int _left = pages;

        public bool Take() => _left-- > 0;
    }
}
