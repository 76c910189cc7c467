using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>Matching on ingest: every new or changed posting the feed stores goes through every enabled lane.</summary>
internal sealed class MatchOnIngest(LaneMatcher matcher) : IPostingsStored
{
    public Task OnPostingsStoredAsync(PostingsStoredBatch batch, CancellationToken ct) =>
        matcher.MatchAsync([.. batch.All], ct);
}
