using Npgsql;

namespace UpworkAssist.Web.Data;

/// <summary>
/// PostgreSQL only (docs/adr/0007): tells other instances of this instance's writes, and this
/// instance of theirs, through the <see cref="AppDbContext.StoreVersionSequence"/> sequence.
/// After this process commits (<see cref="StoreWrites.WrittenHere"/>) it advances the sequence;
/// at most once a second it reads the sequence, and when another instance moved it, raises the
/// local <see cref="StoreWrites"/> so every cache that watches it treats that write like its own.
/// A sequence is not transactional, so writers never queue on it.
/// </summary>
public sealed class StoreVersion(
    StoreWrites writes,
    StoreProvider store,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<StoreVersion> logger
) : BackgroundService
{
    /// <summary>
    /// How often the sequence is read: the bound on how stale another instance's write leaves a cache.
    /// </summary>
    public static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _advance = new(0, 1);
    private readonly Lock _gate = new();
    private long _seen = -1;

    /// <summary>The last sequence value this instance knows of (read or advanced); -1 before the first read.</summary>
    public long Seen
    {
        get
        {
            lock (_gate)
                return _seen;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The sequence exists once the start-up tasks have migrated the store.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
        writes.WrittenHere += OnWrittenHere;
        try
        {
            await Task.WhenAll(AdvanceLoopAsync(stoppingToken), ReadLoopAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            writes.WrittenHere -= OnWrittenHere;
        }
    }

    // On the writer's thread: only note it; a burst of commits becomes one nextval.
    private void OnWrittenHere()
    {
        if (_advance.CurrentCount == 0)
        {
            try
            {
                _advance.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer noted it first: one advance covers both.
            }
        }
    }

    private async Task AdvanceLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await _advance.WaitAsync(ct);
            var value = await RunAsync($"SELECT nextval('{AppDbContext.StoreVersionSequence}')", ct);
            // One more than we knew is our own write; a bigger step means others wrote as well.
            if (value is { } v)
                Learn(v, own: true);
        }
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var value = await RunAsync($"SELECT last_value FROM {AppDbContext.StoreVersionSequence}", ct);
            if (value is { } v)
                Learn(v, own: false);
            await Task.Delay(ReadEvery, clock, ct);
        }
    }

    private void Learn(long value, bool own)
    {
        bool outside;
        lock (_gate)
        {
            if (value <= _seen)
                return;
            // The first read only sets the baseline: the caches were filled after start anyway.
            outside = _seen >= 0 && !(own && value == _seen + 1);
            _seen = value;
        }
        if (outside)
            writes.WrittenElsewhere();
    }

    private async Task<long?> RunAsync(string sql, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(store.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(
                await command.ExecuteScalarAsync(ct),
                System.Globalization.CultureInfo.InvariantCulture
            );
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // A caches' signal only: a store that is briefly away costs freshness, never a write.
            logger.LogWarning(ex, "Could not read or advance the store version");
            return null;
        }
    }
}
