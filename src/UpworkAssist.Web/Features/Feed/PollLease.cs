using Npgsql;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The right to poll the marketplace. Exactly one instance holds it at a time, because the
/// marketplace counts requests per key and address, not per instance (docs/adr/0007).
/// </summary>
public interface IPollLease
{
    /// <summary>Whether this instance held the lease when it last looked.</summary>
    bool Held { get; }

    /// <summary>
    /// Takes the lease if it is free, or confirms it is still ours; false while another instance holds it.
    /// </summary>
    Task<bool> TryTakeAsync(CancellationToken ct);

    /// <summary>Checked before each marketplace request: false once the lease was lost (its session died).</summary>
    Task<bool> StillHeldAsync(CancellationToken ct);

    /// <summary>Lets the lease go, for an instance that polls only on request (`Upwork:AutoPoll` off).</summary>
    Task ReleaseAsync();
}

/// <summary>
/// One instance (SQLite): this process always holds the lease; its poll gate keeps one poll at a time.
/// </summary>
public sealed class InProcessPollLease : IPollLease
{
    public bool Held => true;

    public Task<bool> TryTakeAsync(CancellationToken ct) => Task.FromResult(true);

    public Task<bool> StillHeldAsync(CancellationToken ct) => Task.FromResult(true);

    public Task ReleaseAsync() => Task.CompletedTask;
}

/// <summary>
/// A session-level advisory lock on a connection of its own, kept open while held. The lock goes
/// with its session, so a crashed or cut-off holder frees it without any timeout, and the next
/// instance that tries takes it. The connection is unpooled: closing it must end the session.
/// </summary>
public sealed class PostgresPollLease(StoreProvider store, ILogger<PostgresPollLease> logger)
    : IPollLease,
        IAsyncDisposable
{
    /// <summary>The advisory lock's key: any fixed number no other lock in the database uses.</summary>
    public const long LockKey = 0x5550_4F4C_4C00; // "UPOLL"

    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _session;

    public bool Held => Volatile.Read(ref _session) is not null;

    public async Task<bool> TryTakeAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_session is not null)
            {
                return await AliveAsync(ct);
            }
            var connection = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(store.ConnectionString)
                {
                    Pooling = false,
                    ApplicationName = "UpworkAssist poll lease",
                }.ConnectionString
            );
            try
            {
                await connection.OpenAsync(ct);
                await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", connection);
                if (await take.ExecuteScalarAsync(ct) is true)
                {
                    Volatile.Write(ref _session, connection);
                    logger.LogInformation("This instance holds the poll lease and polls the marketplace");
                    return true;
                }
            }
            catch (NpgsqlException ex)
            {
                logger.LogWarning(ex, "Could not try the poll lease; trying again next round");
            }
            await connection.DisposeAsync();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> StillHeldAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return _session is not null && await AliveAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ReleaseAsync()
    {
        await _gate.WaitAsync();
        try
        {
            // Ending the session ends the lock.
            if (_session is { } session)
            {
                Volatile.Write(ref _session, null);
                await session.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // The lock lives as long as the session: a round trip on it proves both.
    private async Task<bool> AliveAsync(CancellationToken ct)
    {
        try
        {
            await using var ping = new NpgsqlCommand("SELECT 1", _session);
            await ping.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(ex, "The poll lease's session is gone; this instance stops polling");
            await _session!.DisposeAsync();
            Volatile.Write(ref _session, null);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is { } session)
        {
            await session.DisposeAsync();
        }
        _gate.Dispose();
    }
}
