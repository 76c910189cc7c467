namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The next page, read while the last one is stored (FeedPoller, and the ingest benchmark that measures
/// it). The read runs on the thread pool, so its wait for the marketplace, its parsing and its mapping
/// overlap the store's round trips even when a source answers synchronously (the demo feed).
/// Disposing gives the read up: it is cancelled and awaited, its failure ignored, so a read never
/// outlives the poll that started it; after the page was taken, disposing does nothing.
/// </summary>
public sealed class PageReadAhead<T> : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel;
    private bool _disposed;

    public PageReadAhead(Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = _cancel.Token;
        Page = Task.Run(() => read(token), token);
    }

    /// <summary>The page once read; a failed read throws here, as a read awaited in place would.</summary>
    public Task<T> Page { get; }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!Page.IsCompleted)
        {
            await _cancel.CancelAsync();
        }
        try
        {
            await Page;
        }
#pragma warning disable CA1031 // the caller is already failing or has the page: this read's own end is moot
        catch (Exception)
#pragma warning restore CA1031
        {
            // Given up: its failure (usually the cancellation) is not the poll's.
        }
        _cancel.Dispose();
    }
}
