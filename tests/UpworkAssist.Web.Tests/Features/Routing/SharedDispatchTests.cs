using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Routing;

/// <summary>
/// The dispatcher on two instances of one PostgreSQL store: every alert once, one message a second per channel.
/// </summary>
public sealed class SharedDispatchTests
{
    private static Task<int> DispatchAsync(TestApp app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AlertDispatcher>().RunOnceAsync(CancellationToken.None));

    private static async Task<(SharedStore Store, RoutingHarness H, TestApp B)> StartAsync()
    {
        var store = new SharedStore();
        var h = await RoutingHarness.StartAsync(app: settings =>
            TestApp.OnSharedPostgres(store.ConnectionString, settings)
        );
        store.Add(h.App);
        return (store, h, store.Start(h.Settings));
    }

    [SkippableFact]
    public async Task Two_dispatchers_send_every_alert_exactly_once_and_keep_each_channels_interval()
    {
        var (store, h, b) = await StartAsync();
        await using var _ = store;
        await using var __ = h;
        for (var lane = 1; lane <= 4; lane++)
        {
            await h.AddLaneAsync($"lane{lane}", $"Lane {lane}", $"topic{lane}");
            await h.AddSlackRouteAsync($"lane{lane}", h.Slack.WebhookUrl($"T{lane}"));
        }
        var postings = Enumerable
            .Range(1, 4)
            .SelectMany(lane =>
                Enumerable.Range(1, 4).Select(n => h.Posting($"~01shared{lane}{n}", $"topic{lane} job {n}"))
            )
            .ToArray();
        await h.MatchAsync(postings);
        Assert.Equal(16, (await h.AlertsAsync(AlertChannel.Slack)).Count);

        for (
            var second = 0;
            second < 30 && (await h.AlertsAsync(AlertChannel.Slack)).Any(a => a.Status != AlertStatus.Delivered);
            second++
        )
        {
            // Both instances at once, on the same rows.
            await Task.WhenAll(DispatchAsync(h.App), DispatchAsync(b), DispatchAsync(h.App), DispatchAsync(b));
            store.Advance(TimeSpan.FromSeconds(1));
        }

        var alerts = await h.AlertsAsync(AlertChannel.Slack);
        Assert.All(alerts, a => Assert.Equal(AlertStatus.Delivered, a.Status));
        Assert.All(alerts, a => Assert.Equal(1, a.Attempts));
        var requests = h.Slack.Requests;
        Assert.Equal(16, requests.Count);
        foreach (var channel in requests.GroupBy(r => r.Key))
        {
            var times = channel.Select(r => r.At).Order().ToList();
            Assert.All(
                times.Zip(times.Skip(1)),
                p => Assert.True(p.Second - p.First >= TimeSpan.FromSeconds(1), $"{channel.Key}: {p}")
            );
        }
    }

    [SkippableFact]
    public async Task A_claim_left_by_a_crashed_instance_is_sent_by_another_after_the_lease()
    {
        var (store, h, b) = await StartAsync();
        await using var _ = store;
        await using var __ = h;
        await h.AddLaneAsync("lane1", "Lane 1", "crash");
        await h.AddSlackRouteAsync("lane1", h.Slack.WebhookUrl("T1"));
        await h.MatchAsync(h.Posting("~01crash1", "crash job"));
        // Instance A claimed the row and died before sending.
        var now = h.Now;
        await h.App.WithDbAsync(db =>
            db.Alerts.Where(a => a.Channel == AlertChannel.Slack)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ClaimedAt, now).SetProperty(a => a.Attempts, 1))
        );

        Assert.Equal(0, await DispatchAsync(b));
        store.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await DispatchAsync(b));
        store.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await DispatchAsync(b));

        var alert = Assert.Single(await h.AlertsAsync(AlertChannel.Slack));
        Assert.Equal(AlertStatus.Delivered, alert.Status);
        Assert.Equal(2, alert.Attempts);
        Assert.Single(h.Slack.Requests);
    }
}
