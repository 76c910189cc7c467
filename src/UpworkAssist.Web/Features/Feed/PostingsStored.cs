using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// What one upsert batch changed in the store, committed before anyone hears of it: the postings
/// as stored (a changed one keeps its first <c>FetchedAt</c>), so listeners need not read them again.
/// </summary>
public sealed record PostingsStoredBatch(FeedSource Source, IReadOnlyList<Posting> New, IReadOnlyList<Posting> Changed)
{
    public IEnumerable<Posting> All => New.Concat(Changed);
}

/// <summary>
/// The ingest hook: every registered implementation (scoped) is called after each upsert batch
/// commits, with the postings that are new or whose content changed. Lane matching plugs in
/// here with `services.AddScoped&lt;IPostingsStored, …&gt;()`. A hook that throws is logged and counted
/// as a poll error; the postings stay stored.
/// </summary>
public interface IPostingsStored
{
    Task OnPostingsStoredAsync(PostingsStoredBatch batch, CancellationToken ct);
}
