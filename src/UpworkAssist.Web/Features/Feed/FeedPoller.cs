using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// One poll: for each planned search, read pages newest first (`after` = "0", then `endCursor`)
/// until a page holds a posting the store had before this poll began, the last page, or the page
/// cap. The search's cursor is saved before each page is asked for, so a poll cut short (restart,
/// failure, page cap) is continued from where it stopped by the next poll: nothing is lost, and
/// upserts make a repeated page harmless.
/// </summary>
public sealed class FeedPoller(
    AppDbContext db,
    PostingIngest ingest,
    IJobSearchSource source,
    IFeedSearchPlan plan,
    FeedMonitor monitor,
    MarketplaceTokens tokens,
    IOptionsMonitor<UpworkOptions> options,
    TimeProvider clock,
    ILogger<FeedPoller> logger)
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
        var run = new PollRun { StartedAt = clock.GetUtcNow(), Mode = o.EffectiveMode.ToString(), Trigger = trigger };
        var requestsBefore = monitor.Requests;
        var errorsBefore = monitor.Errors;
        var watch = Stopwatch.StartNew();
        try
        {
            var halted = o.EffectiveMode == FeedMode.Api ? (await tokens.StatusAsync(ct)).HaltReason : null;
            if (halted is not null)
            {
                run.Error = "Polling is stopped: " + halted;
            }
            else
            {
                foreach (var search in await plan.PlanAsync(ct))
                {
                    await PollSearchAsync(search, run, o, ct);
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
        finally
        {
            run.FinishedAt = clock.GetUtcNow();
            run.DurationMs = watch.ElapsedMilliseconds;
            run.Requests = (int)(monitor.Requests - requestsBefore);
            run.Errors += (int)(monitor.Errors - errorsBefore) + (run.Error is not null && monitor.Errors == errorsBefore ? 1 : 0);
            run.Error = run.Error is { Length: > 1000 } e ? e[..1000] : run.Error;
            db.ChangeTracker.Clear();
            db.Set<PollRun>().Add(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        logger.LogInformation("Poll ({Trigger}) done: {Requests} requests, {New} new, {Updated} updated, {Skipped} skipped, {Errors} errors in {Duration} ms",
            trigger, run.Requests, run.New, run.Updated, run.Skipped, run.Errors, run.DurationMs);
        return run;
    }

    private async Task PollSearchAsync(FeedSearch search, PollRun run, UpworkOptions o, CancellationToken ct)
    {
        var cursor = await db.Set<FeedCursor>().FindAsync([search.Key], ct);
        if (cursor is null)
        {
            cursor = new FeedCursor { SearchKey = search.Key };
            db.Set<FeedCursor>().Add(cursor);
        }
        if (cursor.PendingAfter is { } pending && pending != "0")
        {
            // Finish the poll a restart or the page cap cut short before reading what is newer.
            if (!await ReadAsync(search, cursor, pending, cursor.PendingSince ?? run.StartedAt, run, o, ct))
            {
                return;
            }
        }
        await ReadAsync(search, cursor, "0", run.StartedAt, run, o, ct);
    }

    private async Task<bool> ReadAsync(FeedSearch search, FeedCursor cursor, string after, DateTimeOffset since, PollRun run, UpworkOptions o, CancellationToken ct)
    {
        for (var page = 0; page < o.MaxPagesPerPoll; page++)
        {
            cursor.PendingAfter = after;
            cursor.PendingSince = since;
            await db.SaveChangesAsync(ct);

            var result = await source.SearchAsync(search, after, o.PageSize, ct);
            var now = clock.GetUtcNow();
            var postings = new List<Posting>(result.Nodes.Count);
            foreach (var node in result.Nodes)
            {
                if (PostingMapper.TryMap(node, source.Source, now, out var posting, out var problem))
                {
                    postings.Add(posting);
                }
                else
                {
                    run.Skipped++;
                    logger.LogWarning("Skipped a node that cannot be mapped ({Search}, after {After}): {Problem}", search.Key, after, problem);
                }
            }
            var ids = postings.Select(p => p.Id).ToList();
            var reachedKnown = ids.Count > 0 && await db.Postings.AnyAsync(p => ids.Contains(p.Id) && p.FetchedAt < since, ct);
            var stored = await ingest.UpsertAsync(postings, ct);
            run.New += stored.New;
            run.Updated += stored.Updated;
            run.Errors += stored.ListenerErrors;

            if (reachedKnown || !result.HasNextPage || string.IsNullOrEmpty(result.EndCursor))
            {
                cursor.PendingAfter = null;
                cursor.PendingSince = null;
                cursor.LastCompletedAt = clock.GetUtcNow();
                await db.SaveChangesAsync(ct);
                return true;
            }
            after = result.EndCursor;
        }
        cursor.PendingAfter = after;
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Search {Search} reached the cap of {Pages} pages; the next poll continues from its cursor", search.Key, o.MaxPagesPerPoll);
        return false;
    }
}
