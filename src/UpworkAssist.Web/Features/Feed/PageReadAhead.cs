namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The next page, read while the last one is stored (FeedPoller, and the ingest benchmark that measures
/// it). The read runs on the thread pool, so its wait for the marketplace, its parsing and its mapping
/// overlap the store's round trips even when a source answers synchronously (the demo feed).
/// Giving it up (<see cref="AbandonAsync"/>, or disposing) cancels the read and awaits it, so a read
/// never outlives the poll that started it; after the page was taken, that does nothing.
/// </summary>
public sealed class PageReadAhead<T> : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel;
    private bool _done;

    public PageReadAhead(Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = _cancel.Token;
        Page = Task.Run(() => read(token), token);
    }

    /// <summary>The page once read; a failed read throws here, as a read awaited in place would.</summary>
    public Task<T> Page { get; }

    /// <summary>
    /// Cancels the read if it still runs and waits for its end. Returns how it failed, unless it
    /// succeeded or ended by the cancellation: the caller decides whether that failure matters more
    /// than its own (a marketplace block does).
    /// </summary>
    public async Task<Exception?> AbandonAsync()
    {
        if (_done)
        {
            return null;
        }
        _done = true;
        try
        {
            if (!Page.IsCompleted)
            {
                await _cancel.CancelAsync();
            }
            await Page;
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
#pragma warning disable CA1031 // handed to the caller, which is already failing
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
        finally
        {
            _cancel.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await AbandonAsync();
}
