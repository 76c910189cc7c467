using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Features.Live;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Features.Queue;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Live;

/// <summary>Live pages on two instances of one PostgreSQL store: B hears of what is stored through A.</summary>
public sealed class SharedLiveTests
{
    [SkippableFact]
    public async Task A_match_stored_and_triaged_through_one_instance_reaches_the_live_pages_of_the_other()
    {
        await using var store = new SharedStore();
        var a = store.Start();
        var b = store.Start();
        var changes = b.Services.GetRequiredService<ILiveChanges>();
        var onB = await b.SignedInAsync(Roles.Lead);
        // Both instances have read the sequence once, so A's writes below are news to B.
        var version = b.Services.GetRequiredService<Data.StoreVersion>();
        await store.DriveUntilAsync(() => Task.FromResult(version.Seen >= 0));
        var seen = changes.Current;

        var ids = await QueueSeed.MatchesAsync(a, "dotnet", QueueSeed.Posting(a, "~shared-live-1", "Shared live job"));
        await store.DriveUntilAsync(
            () => Task.FromResult(Topics(changes, seen).Contains(LiveTopic.Matches)),
            seconds: 10,
            what: "B publishing A's new match"
        );
        // The "N new" figure B's pages get comes from the store, not from B's own inserts.
        var json = JsonDocument.Parse(await onB.GetStringAsync("/live?since=0")).RootElement;
        Assert.Equal(1, json.GetProperty("new").GetInt32());

        seen = changes.Current;
        var onA = await a.SignedInAsync(Roles.Lead);
        await onA.ActAsync(ids[0], 0, "Shortlist");
        await store.DriveUntilAsync(
            () => Task.FromResult(Topics(changes, seen).Contains(LiveTopic.Triage)),
            seconds: 10,
            what: "B publishing A's triage"
        );
    }

    private static List<LiveTopic> Topics(ILiveChanges changes, long after)
    {
        if (changes.Current <= after)
            return [];
        return [.. changes.WaitAfterAsync(after, CancellationToken.None).GetAwaiter().GetResult().Select(c => c.Topic)];
    }
}
