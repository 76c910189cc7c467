using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Stores;

/// <summary>Caches on one instance learn of another instance's writes through the store_version sequence.</summary>
public sealed class StoreVersionTests
{
    private static Task<CountBox> LanesThroughCacheAsync(TestApp app) =>
        app.WithScopeAsync(sp =>
            sp.GetRequiredService<StoreCache>()
                .GetAsync(
                    "test:lanes",
                    async () => new CountBox(await sp.GetRequiredService<AppDbContext>().Lanes.CountAsync())
                )
        );

    private sealed record CountBox(int Count);

    [SkippableFact]
    public async Task A_write_on_one_instance_reaches_the_other_instances_cache_within_the_bound()
    {
        await using var store = new SharedStore();
        var a = store.Start();
        var b = store.Start();
        // Both watchers have read the sequence once, so each knows where it stood.
        await store.DriveUntilAsync(() =>
            Task.FromResult(
                a.Services.GetRequiredService<StoreVersion>().Seen >= 0
                    && b.Services.GetRequiredService<StoreVersion>().Seen >= 0
            )
        );
        var before = (await LanesThroughCacheAsync(a)).Count;
        Assert.Equal(before, (await LanesThroughCacheAsync(a)).Count);

        await b.WithDbAsync(async db =>
        {
            var now = b.Clock.GetUtcNow();
            db.Lanes.Add(
                new Lane
                {
                    Id = "from-b",
                    Name = "Added on B",
                    CreatedAt = now,
                    UpdatedAt = now,
                }
            );
            await db.SaveChangesAsync();
        });
        var seenByA = a.Services.GetRequiredService<StoreVersion>().Seen;

        // At most one read of the sequence (a second) later, A's cache reads again.
        await store.DriveUntilAsync(
            async () => (await LanesThroughCacheAsync(a)).Count == before + 1,
            seconds: 3,
            what: "A's cache sees B's lane"
        );
        Assert.True(a.Services.GetRequiredService<StoreVersion>().Seen > seenByA);
    }
}
