using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Feed;

/// <summary>
/// Two instances on one PostgreSQL store: one poller at a time, caps and "Poll now" shared (docs/adr/0007).
/// </summary>
public sealed class PollLeaseTests
{
    private const string LeaseSession = "UpworkAssist poll lease";

    private static IPollLease Lease(TestApp app) => app.Services.GetRequiredService<IPollLease>();

    private static Task<int> PollRunsAsync(TestApp app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PollRuns.CountAsync());

    [SkippableFact]
    public async Task One_instance_holds_the_lease_and_another_takes_it_when_the_holders_session_dies()
    {
        await using var store = new SharedStore();
        // Instances that poll on schedule (the demo feed) keep trying for the lease.
        var a = store.Start(new() { ["Upwork:AutoPoll"] = "true" });
        var b = store.Start(new() { ["Upwork:AutoPoll"] = "true" });
        await store.DriveUntilAsync(
            () => Task.FromResult(Lease(a).Held || Lease(b).Held),
            what: "someone holds the lease"
        );
        var holder = Lease(a).Held ? a : b;
        Assert.False(Lease(holder == a ? b : a).Held);
        Assert.False(await Lease(holder == a ? b : a).TryTakeAsync(default));
        Assert.True(await Lease(holder).StillHeldAsync(default));

        Assert.Equal(1, await store.KillSessionsAsync(LeaseSession));

        Assert.False(await Lease(holder).StillHeldAsync(default));
        // The loops try again each round (15 s), well within the minute; here the old holder's
        // process lives on, so it may win the lock back: still exactly one holds it.
        await store.DriveUntilAsync(
            () => Task.FromResult(Lease(a).Held || Lease(b).Held),
            seconds: 60,
            what: "an instance takes over"
        );
        var next = Lease(a).Held ? a : b;
        Assert.False(Lease(next == a ? b : a).Held);
        Assert.False(await Lease(next == a ? b : a).TryTakeAsync(default));
        Assert.True(await Lease(next).StillHeldAsync(default));
    }

    /// <remarks>
    /// Both instances poll only on request (the test default), so each takes the lease only to answer one.
    /// </remarks>
    [SkippableFact]
    public async Task Poll_now_on_either_instance_makes_one_poll_once_and_the_other_never_asks_the_marketplace()
    {
        await using var fake = await FakeMarketplace.StartAsync();
        await using var store = new SharedStore();
        var a = store.Start(fake.Settings());
        var b = store.Start(fake.Settings());
        fake.Clock = a.Clock;
        fake.Publish(FakeMarketplace.Node("~01lease001", a.Clock.GetUtcNow().AddMinutes(-5)));

        await b.Services.GetRequiredService<FeedSignals>().RequestPollAsync("poll-now", default);
        await store.DriveUntilAsync(async () => await PollRunsAsync(a) == 1, what: "an instance polls");
        var holder = a.Services.GetRequiredService<FeedMonitor>().Requests > 0 ? a : b;
        var other = holder == a ? b : a;
        await store.DriveUntilAsync(
            () => Task.FromResult(!Lease(a).Held && !Lease(b).Held),
            what: "the lease is let go after the poll"
        );

        Assert.True(holder.Services.GetRequiredService<FeedMonitor>().Requests > 0);
        Assert.Equal(0, other.Services.GetRequiredService<FeedMonitor>().Requests);
        var run = await holder.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PollRuns.SingleAsync());
        Assert.Equal("poll-now", run.Trigger);
        Assert.Null(run.Error);
        // The request log every instance reads holds the holder's requests: the other shows the same counts.
        var usage = await other.Services.GetRequiredService<FeedSignals>().UsageAsync(default);
        Assert.Equal(holder.Services.GetRequiredService<FeedMonitor>().Requests, usage.Today);

        // A few more seconds: the signal was taken once, so no second poll follows.
        store.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(100);
        Assert.Equal(1, await PollRunsAsync(b));
    }

    [SkippableFact]
    public async Task The_instance_that_takes_over_counts_the_requests_and_the_retry_after_of_the_one_before()
    {
        await using var store = new SharedStore();
        var a = store.Start();
        var b = store.Start();
        var now = a.Clock.GetUtcNow();
        await a.WithDbAsync(async db =>
        {
            for (var i = 0; i < 7; i++)
            {
                db.MarketplaceRequests.Add(
                    new MarketplaceRequest
                    {
                        At = now.AddSeconds(-10 - i),
                        Source = FeedSource.Api,
                        Outcome = RequestOutcome.Ok,
                    }
                );
            }
            db.MarketplaceRequests.Add(
                new MarketplaceRequest
                {
                    At = now.AddHours(-3),
                    Source = FeedSource.Api,
                    Outcome = RequestOutcome.Ok,
                }
            );
            db.MarketplaceRequests.Add(
                new MarketplaceRequest
                {
                    At = now.AddDays(-2),
                    Source = FeedSource.Api,
                    Outcome = RequestOutcome.Ok,
                }
            );
            await db.SaveChangesAsync();
        });
        var governorA = a.Services.GetRequiredService<RateGovernor>();
        governorA.Throttled(TimeSpan.FromMinutes(5));
        await a.Services.GetRequiredService<FeedSignals>().SaveRetryAfterAsync(default);

        await b.Services.GetRequiredService<FeedSignals>().SeedGovernorAsync(default);

        var usage = b.Services.GetRequiredService<RateGovernor>().Current();
        Assert.Equal(7, usage.ThisMinute);
        Assert.Equal(8, usage.Today);
        Assert.Equal(now.AddMinutes(5), usage.BlockedUntil);
        Assert.True(b.Services.GetRequiredService<RateGovernor>().TryTake() >= TimeSpan.FromMinutes(4));
    }
}
