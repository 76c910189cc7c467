using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Queue;
using UpworkAssist.Web.Tests.Features.Queue;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Stores;

/// <summary>
/// The store-write number every cache watches: a write moves it, a statement that changed nothing
/// does not, so the minutely purge and wake jobs leave the caches of a quiet store alone.
/// </summary>
public sealed class StoreWritesTests
{
    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task The_minutely_jobs_on_a_quiet_store_leave_the_number_alone_and_a_real_purge_moves_it(
        string provider
    )
    {
        await using var app = TestApp.On(provider);
        var writes = app.Services.GetRequiredService<StoreWrites>();
        await app.WithDbAsync(async db =>
        {
            db.Postings.Add(QueueSeed.Posting(app, "~fresh", "Fetched just now"));
            await db.SaveChangesAsync();
        });

        var quiet = writes.Version;
        Assert.Equal(new RetentionPurge.Result(0, 0), await PurgeAsync(app));
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<SnoozeWake>().RunAsync(default)));
        await app.WithDbAsync(db => db.SaveChangesAsync()); // nothing to save
        Assert.Equal(quiet, writes.Version);

        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new RetentionPurge.Result(1, 0), await PurgeAsync(app));
        Assert.True(writes.Version > quiet, "a purge that deleted a posting is a write");
        var deleted = writes.Version;
        await app.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("""UPDATE "Postings" SET "Title" = 'x' WHERE "Id" = '~none'""")
        );
        Assert.Equal(deleted, writes.Version);
    }

    private static Task<RetentionPurge.Result> PurgeAsync(TestApp app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None));
}
