using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Core;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Tests.Features.Feed;

/// <summary>The real client and poller against the fake marketplace over HTTP: paging, cursors and upserts.</summary>
public sealed class FeedPollingTests
{
    [Fact]
    public async Task First_poll_reads_every_page_newest_first_with_an_honest_user_agent_and_records_its_figures()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(7);

        var run = await h.PollAsync();

        Assert.Null(run.Error);
        Assert.Equal((7, 0, 3), (run.New, run.Updated, run.Requests));
        var searches = h.Fake.GraphQlRequests.ToList();
        Assert.Equal(["0", "c3", "c6"], searches.Select(r => r.After));
        Assert.All(searches, r => Assert.Equal($"UpworkAssist/{ProductInfo.Version} (+self-hosted)", r.UserAgent));
        Assert.All(searches, r => Assert.Equal("Bearer at-1", r.Authorization));
        Assert.All(
            searches,
            r => Assert.Contains("\"sortAttributes\":[{\"field\":\"RECENCY\"}]", r.Body, StringComparison.Ordinal)
        );
        var stored = await h.PostingsAsync();
        Assert.Equal(7, stored.Count);
        var p = stored[0];
        Assert.Equal(
            ("https://www.upwork.com/jobs/~01job001", "Build it & ship it", FeedSource.Api, PostingType.Fixed, 500m),
            (p.Url, p.Description, p.Source, p.Type, p.FixedBudget)
        );
        Assert.Equal(new ClientFacts("Germany", true, 12000m, 4, 4.9, 3), p.Client);
        var runs = await h.WithAsync(sp => sp.GetRequiredService<AppDbContext>().PollRuns.ToListAsync());
        Assert.Equal(7, Assert.Single(runs).New);
    }

    [Fact]
    public async Task A_poll_reads_to_the_previous_polls_newest_posting_and_catches_up_when_more_than_a_page_arrive()
    {
        await using var h = await FeedHarness.StartAsync(new() { ["Upwork:PollOverlap"] = "00:00:00" });
        h.Publish(4);
        await h.PollAsync();
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var before = h.Fake.GraphQlRequests.Count();

        h.Publish(5, "~01new", minuteOffset: 10);
        var run = await h.PollAsync();

        Assert.Equal((5, 0), (run.New, run.Updated));
        // Pages until one holds a posting published before the last poll's newest (job004): job003 on the third.
        Assert.Equal(["0", "c3", "c6"], h.Fake.GraphQlRequests.Skip(before).Select(r => r.After));
        Assert.Equal(9, (await h.PostingsAsync()).Count);

        // Nothing new: one request, and a posting older than the mark ends the poll.
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var quiet = await h.PollAsync();
        Assert.Equal((0, 1), (quiet.New, quiet.Requests));
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task The_same_posting_on_two_pages_is_stored_once_and_fetchedAt_is_kept_on_update(string provider)
    {
        await using var h = await FeedHarness.StartAsync(provider: provider);
        h.Fake.OverlapPages = 1;
        h.Publish(6);
        var run = await h.PollAsync();
        Assert.Equal(6, run.New);
        Assert.Equal(6, (await h.PostingsAsync()).Count);
        var fetched = (await h.PostingsAsync()).Single(p => p.Id == "~01job006").FetchedAt;

        h.App.Clock.Advance(TimeSpan.FromMinutes(5));
        var changed = FakeMarketplace.Node("~01job006", h.T0.AddMinutes(6), amount: "900");
        h.Fake.Publish(changed); // the marketplace now lists an edited copy on top
        var second = await h.PollAsync();
        Assert.Equal((0, 1), (second.New, second.Updated));
        var p = (await h.PostingsAsync()).Single(x => x.Id == "~01job006");
        Assert.Equal((900m, fetched), (p.FixedBudget, p.FetchedAt));
        Assert.True(p.UpdatedAt > fetched);
    }

    [Fact]
    public async Task Every_search_sends_after_because_the_service_answers_500_without_it()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(2);
        await h.PollAsync();
        Assert.All(h.Fake.GraphQlRequests, r => Assert.NotNull(r.After));
        Assert.All(
            h.Fake.GraphQlRequests,
            r => Assert.Contains("\"pagination_eq\":{\"after\":", r.Body, StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_multi_page_poll_loses_nothing_and_duplicates_nothing()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(8);
        using var crash = new CancellationTokenSource();
        h.Fake.OnSearch = after =>
        {
            if (after == "c6")
            {
                crash.Cancel(); // the process dies while asking for page 3
            }
        };
        var interrupted = h.App.WithScopeAsync(sp =>
            sp.GetRequiredService<FeedPoller>().PollAsync("test", crash.Token)
        );
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.DriveAsync(interrupted));
        h.Fake.OnSearch = null;
        // Page 3 is asked for while page 2 is stored, so the crash finds page 2 stored or not, and the
        // cursor on page 2 or, once page 2 is in, on page 3: never past what is stored.
        var kept = (await h.PostingsAsync()).Count;
        var stoppedAt = await h.WithAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeedCursors.Select(c => c.PendingAfter).SingleAsync()
        );
        Assert.Contains((kept, stoppedAt), new (int, string?)[] { (3, "c3"), (6, "c3"), (6, "c6") });

        // A new process over the same store: more postings arrived meanwhile.
        h.App.Clock.Advance(TimeSpan.FromMinutes(2));
        h.Publish(2, "~01late", minuteOffset: 30);
        using var restarted = new Infrastructure.TestApp(
            h.Fake.Settings(
                new()
                {
                    ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(h.App.DataDirectory, "store.db")}",
                    ["Storage:DataDirectory"] = h.App.DataDirectory,
                }
            )
        );
        restarted.Clock.SetUtcNow(h.App.Clock.GetUtcNow());
        h.Fake.Clock = restarted.Clock;
        var before = h.Fake.GraphQlRequests.Count();
        var run = await restarted.WithScopeAsync(sp =>
            sp.GetRequiredService<FeedPoller>().PollAsync("test", CancellationToken.None)
        );

        Assert.Null(run.Error);
        Assert.Equal((10 - kept, 0), (run.New, run.Updated)); // the never stored + the 2 late ones
        var after = h.Fake.GraphQlRequests.Skip(before).Select(r => r.After).ToList();
        Assert.Equal(["0", stoppedAt], after[..2]); // the newest page, then on where the first process stopped
        var ids = await restarted.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Postings.Select(p => p.Id).ToListAsync()
        );
        Assert.Equal(10, ids.Count);
        Assert.Equal(10, ids.Distinct().Count());
    }

    [Fact]
    public async Task The_next_page_is_asked_for_while_the_last_one_is_stored()
    {
        var pageTwoAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storing = new HoldsAPage(1, pageTwoAsked.Task);
        await using var h = await FeedHarness.StartAsync(services: s => s.AddSingleton<IPostingsStored>(storing));
        h.Publish(8);
        h.Fake.OnSearch = after =>
        {
            if (after == "c3")
            {
                pageTwoAsked.TrySetResult();
            }
        };

        var run = await h.PollAsync();

        // One page after the other, page 2 would never be asked for while page 1's store waits for it.
        Assert.True(storing.Held);
        Assert.Equal((8, 0, 3), (run.New, run.Errors, storing.Pages));
        Assert.Equal(["0", "c3", "c6"], h.Fake.GraphQlRequests.Select(r => r.After));
    }

    [Fact]
    public async Task A_page_that_cannot_be_stored_ends_the_poll_there_and_the_next_poll_reads_it_again()
    {
        await using var h = await FeedHarness.StartAsync();
        h.Publish(8); // pages, newest first: 8 7 6 | 5 4 3 | 2 1
        await RefuseAsync(h, "INSERT ON Postings", "NEW.Id = '~01job004'");

        var failed = await h.PollAsync();

        Assert.Contains("disk full", failed.Error, StringComparison.Ordinal);
        Assert.Equal(3, failed.New);
        Assert.Equal(3, (await h.PostingsAsync()).Count); // page 2 whole or not at all, page 3 (read ahead) not
        var cursor = await h.WithAsync(sp => sp.GetRequiredService<AppDbContext>().FeedCursors.SingleAsync());
        Assert.Equal("c3", cursor.PendingAfter);

        await h.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse"));
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var next = await h.PollAsync();
        Assert.Null(next.Error);
        Assert.Equal(5, next.New);
        Assert.Equal(8, (await h.PostingsAsync()).Count);
    }

    [Fact]
    public async Task A_failure_while_a_page_is_read_ahead_cancels_that_read_and_waits_for_it()
    {
        var pageThreeAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var h = await FeedHarness.StartAsync(
            // Long enough that page 3's request cannot time out (and be asked again) during the test.
            new() { ["Upwork:RequestTimeout"] = "00:01:00" },
            services: s => s.AddSingleton<IPostingsStored>(new HoldsAPage(2, pageThreeAsked.Task))
        );
        h.Publish(8);
        using var answer = new ManualResetEventSlim();
        h.Fake.OnSearch = after =>
        {
            if (after == "c6")
            {
                pageThreeAsked.TrySetResult();
                answer.Wait(TimeSpan.FromSeconds(30)); // no answer until the test is done
            }
        };
        // Page 2 is stored, then moving the cursor on to page 3 fails, while page 3's request waits.
        await RefuseAsync(h, "UPDATE ON FeedCursors", "NEW.PendingAfter = 'c6'");

        PollRun failed;
        try
        {
            failed = await h.PollAsync();
        }
        finally
        {
            answer.Set();
        }

        Assert.Contains("DbUpdateException", failed.Error, StringComparison.Ordinal); // the cursor's save
        Assert.Equal(6, failed.New);
        // Cancelled: asked once, not timed out and retried. Awaited: its end is logged before the poll's.
        Assert.Single(h.Fake.GraphQlRequests, r => r.After == "c6");
        var log = await h.WithAsync(sp =>
            sp.GetRequiredService<AppDbContext>().MarketplaceRequests.Select(r => r.Detail).ToListAsync()
        );
        Assert.Single(log, d => d == MarketplaceClient.GivenUp);
        var cursor = await h.WithAsync(sp => sp.GetRequiredService<AppDbContext>().FeedCursors.SingleAsync());
        Assert.Equal("c3", cursor.PendingAfter);
    }

    [Fact]
    public async Task A_block_met_by_the_page_read_ahead_halts_the_feed_even_when_the_store_fails()
    {
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var h = await FeedHarness.StartAsync(services: s =>
        {
            s.AddSingleton<IPostingsStored>(new HoldsAPage(2, blocked.Task));
            s.AddScoped<IJobSearchSource>(sp => new ToldOfABlock(sp.GetRequiredService<ApiJobSearch>(), blocked));
        });
        h.Publish(8);
        h.Fake.OnSearch = after =>
        {
            if (after == "c6")
            {
                h.Fake.ThenStatus(403, "<!DOCTYPE html><html><body>Access denied | Cloudflare</body></html>");
            }
        };
        await RefuseAsync(h, "UPDATE ON FeedCursors", "NEW.PendingAfter = 'c6'");

        var run = await h.PollAsync();

        Assert.Contains("403", run.Error, StringComparison.Ordinal);
        var status = await h.WithAsync(sp => sp.GetRequiredService<MarketplaceTokens>().StatusAsync(default));
        Assert.NotNull(status.HaltReason); // halted until a human resumes it, as a block in place would
        Assert.Contains("disk full", h.App.Logs.AllText(), StringComparison.Ordinal);
    }

    /// <summary>Makes the store refuse a write, as a full disk would: a trigger that aborts it.</summary>
    private static Task RefuseAsync(FeedHarness h, string write, string when) =>
        h.App.WithDbAsync(db =>
#pragma warning disable EF1003 // DDL from this class's own constants; a trigger takes no parameters
            db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER refuse BEFORE "
                    + write
                    + " WHEN "
                    + when
                    + " BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )
#pragma warning restore EF1003
        );

    /// <summary>Signals once the search for page 3 has failed, before the failure reaches the poller.</summary>
    private sealed class ToldOfABlock(IJobSearchSource inner, TaskCompletionSource failed) : IJobSearchSource
    {
        public FeedSource Source => inner.Source;

        public async Task<SearchPage> SearchAsync(FeedSearch search, string after, int first, CancellationToken ct)
        {
            try
            {
                return await inner.SearchAsync(search, after, first, ct);
            }
            catch (FeedException) when (after == "c6")
            {
                failed.TrySetResult();
                throw;
            }
        }
    }

    /// <summary>Keeps one page's store from returning until something else has happened.</summary>
    private sealed class HoldsAPage(int page, Task until) : IPostingsStored
    {
        private int _calls;

        /// <summary>The awaited thing happened while the page was held (a timeout is a listener error).</summary>
        public bool Held { get; private set; }

        public int Pages => Volatile.Read(ref _calls);

        public async Task OnPostingsStoredAsync(PostingsStoredBatch batch, CancellationToken ct)
        {
            if (Interlocked.Increment(ref _calls) == page)
            {
                // A bound, not a pause: it returns as soon as the awaited thing happens.
                await until.WaitAsync(TimeSpan.FromSeconds(30), ct);
                Held = true;
            }
        }
    }

    [Fact]
    public async Task The_page_cap_leaves_a_cursor_and_the_next_poll_continues_from_it()
    {
        await using var h = await FeedHarness.StartAsync(new() { ["Upwork:MaxPagesPerPoll"] = "2" });
        h.Publish(10);
        var first = await h.PollAsync();
        Assert.Equal(6, first.New);
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await h.PollAsync();
        Assert.Equal(3, second.New); // the newest page (nothing new there), then one page on from the cursor
        h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var third = await h.PollAsync();
        Assert.Equal(1, third.New);
        Assert.Equal(10, (await h.PostingsAsync()).Count);
    }

    [Fact]
    public async Task Malformed_and_null_heavy_nodes_are_counted_and_skipped_without_losing_the_page()
    {
        await using var h = await FeedHarness.StartAsync(new() { ["Upwork:PageSize"] = "10" });
        var t = h.T0.ToString("O");
        h.Fake.Publish(
            FakeMarketplace.Node("~01good", h.T0),
            (JsonObject)JsonNode.Parse("""{"ciphertext": null, "publishedDateTime": "2026-11-28T08:00:00Z"}""")!,
            (JsonObject)
                JsonNode.Parse(
                    $$$"""
                    {"ciphertext": "~01badmoney", "publishedDateTime": "{{{t}}}",
                     "amount": {"rawValue": "lots"}}
                    """
                )!,
            (JsonObject)JsonNode.Parse("""{"ciphertext": "~01nodate", "title": "x"}""")!,
            (JsonObject)
                JsonNode.Parse(
                    $$$"""
                    {"id": null, "ciphertext": "~01nulls", "title": null, "description": null,
                     "createdDateTime": "{{{t}}}", "publishedDateTime": null,
                     "experienceLevel": null, "totalApplicants": null,
                     "amount": null, "hourlyBudgetMin": null, "hourlyBudgetMax": null,
                     "skills": null, "occupations": null,
                     "client": {"totalSpent": null, "location": null, "verificationStatus": null}}
                    """
                )!
        );

        var run = await h.PollAsync();

        Assert.Equal((2, 3), (run.New, run.Skipped));
        var nulls = (await h.PostingsAsync()).Single(p => p.Id == "~01nulls");
        Assert.Equal(
            ("", "", PostingType.Fixed, null),
            (nulls.Title, nulls.Description, nulls.Type, nulls.FixedBudget)
        );
        Assert.Equal(new ClientFacts(null, null, null, null, null, null), nulls.Client);
        Assert.Contains("cannot be mapped", h.App.Logs.AllText(), StringComparison.Ordinal);
    }
}
