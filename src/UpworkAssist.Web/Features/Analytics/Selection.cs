using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>
/// The positions of the facts a filter selected, in send order, in a pooled buffer (a report
/// selects tens of thousands; a fresh array each time would keep the collector busy under load).
/// Dispose it to give the buffer back.
/// </summary>
public sealed class Selection(int capacity) : IDisposable
{
    private int[]? _buffer = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(1, capacity));

    public int Count { get; private set; }

    public ReadOnlySpan<int> Positions =>
        (_buffer ?? throw new ObjectDisposedException(nameof(Selection))).AsSpan(0, Count);

    internal void Add(int position) => _buffer![Count++] = position;

    public void Dispose()
    {
        if (_buffer is { } buffer)
            System.Buffers.ArrayPool<int>.Shared.Return(buffer);
        _buffer = null;
    }
}
