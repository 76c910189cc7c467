using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Feed;

/// <summary>
/// The real application in Api mode pointed at a <see cref="FakeMarketplace"/>, with helpers to drive polls on the fake
/// clock.
/// </summary>
public sealed class FeedHarness : IAsyncDisposable
{
    private FeedHarness(FakeMarketplace fake, TestApp app)
    {
        Fake = fake;
        App = app;
        fake.Clock = app.Clock;
    }

    public FakeMarketplace Fake { get; }
    public TestApp App { get; }
    public DateTimeOffset T0 { get; } = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    /// <param name="provider">`Sqlite` or `Postgres`, for the tests that run on each (TestApp.On).</param>
    public static async Task<FeedHarness> StartAsync(
        Dictionary<string, string?>? settings = null,
        string provider = "Sqlite",
        Action<IServiceCollection>? services = null
    )
    {
        var fake = await FakeMarketplace.StartAsync();
        var harness = new FeedHarness(fake, TestApp.On(provider, fake.Settings(settings), services));
        _ = harness.App.Services; // start the host
        return harness;
    }

    /// <summary>Publishes n postings a minute apart, oldest first, ids prefix1..prefixN.</summary>
    public void Publish(int n, string prefix = "~01job", int minuteOffset = 0)
    {
        for (var i = 1; i <= n; i++)
        {
            Fake.Publish(FakeMarketplace.Node($"{prefix}{i:D3}", T0.AddMinutes(minuteOffset + i)));
        }
    }

    // A poll as the loop runs it: on PostgreSQL only while this app holds the poll lease.
    public Task<PollRun> PollAsync() =>
        DriveAsync(
            App.WithScopeAsync(async sp =>
            {
                Assert.True(
                    await sp.GetRequiredService<IPollLease>().TryTakeAsync(CancellationToken.None),
                    "the poll lease is free"
                );
                return await sp.GetRequiredService<FeedPoller>().PollAsync("test", CancellationToken.None);
            })
        );

    /// <summary>
    /// Runs work while moving the fake clock forward a second at a time whenever it is waiting, so
    /// back-offs and governor waits pass without real waiting or timing assertions.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> work)
    {
        while (!work.IsCompleted)
        {
            if (await Task.WhenAny(work, Task.Delay(5)) != work)
            {
                App.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }
        return await work;
    }

    public Task<List<Posting>> PostingsAsync() =>
        App.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Postings.AsNoTracking().OrderBy(p => p.Id).ToListAsync()
        );

    public Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work) => App.WithScopeAsync(work);

    public async ValueTask DisposeAsync()
    {
        App.Dispose();
        await Fake.DisposeAsync();
    }
}
