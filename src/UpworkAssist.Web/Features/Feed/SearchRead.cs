using System.Runtime.ExceptionServices;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// One search's read for <see cref="FeedPoller"/>: pages newest first from a cursor down to a stop line,
/// each mapped and stored, the cursor saved once the page before is stored. The next page is asked for
/// while the last one is stored (<see cref="PageReadAhead{T}"/>): a page says itself whether the read
/// goes on. Uses the poller's own scoped store, so the cursor it tracks is the one saved here.
/// </summary>
public sealed class SearchRead(
    AppDbContext db,
    PostingIngest ingest,
    IJobSearchSource source,
    FeedGaps gaps,
    TimeProvider clock,
    ILogger<SearchRead> logger
)
{
    /// <summary>
    /// Reads from <paramref name="after"/> until a first publication falls below <paramref name="stopBelow"/>
    /// or the last page; false when the page budget ran out first (the cursor is left for the next poll).
    /// </summary>
    public async Task<bool> ReadAsync(
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

    /// <summary>Reads one page and stores what maps (the newest page before a catch-up); no cursor moves.</summary>
    public async Task ReadPageAsync(FeedSearch search, string after, PollRun run, UpworkOptions o, CancellationToken ct)
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
}

/// <summary>Pages one poll may read across all its searches.</summary>
public sealed class PageBudget(int pages)
{
    private int _left = pages;

    public bool Take() => _left-- > 0;
}
