using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>What one upsert batch changed in the store, committed before anyone hears of it.</summary>
public sealed record PostingsStoredBatch(FeedSource Source, IReadOnlyList<string> NewIds, IReadOnlyList<string> ChangedIds)
{
    public IEnumerable<string> All => NewIds.Concat(ChangedIds);
}

/// <summary>
/// The ingest hook: every registered implementation (scoped) is called after each upsert batch
/// commits, with the ids of postings that are new or whose content changed. Lane matching plugs in
/// here with `services.AddScoped&lt;IPostingsStored, …&gt;()`. A hook that throws is logged and counted
/// as a poll error; the postings stay stored.
/// </summary>
public interface IPostingsStored
{
    Task OnPostingsStoredAsync(PostingsStoredBatch batch, CancellationToken ct);
}

/// <summary>The default: nothing listens yet.</summary>
internal sealed class NoPostingsListener : IPostingsStored
{
    public Task OnPostingsStoredAsync(PostingsStoredBatch batch, CancellationToken ct) => Task.CompletedTask;
}
