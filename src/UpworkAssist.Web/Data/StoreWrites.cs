using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace UpworkAssist.Web.Data;

/// <summary>
/// A number that changes after every write this process commits to the store through EF Core
/// (SaveChanges, ExecuteUpdate/ExecuteDelete, raw SQL, explicit transactions). A cache that
/// remembers the number it read under can tell whether what it holds may be out of date. On
/// SQLite this process is the store's only writer; on PostgreSQL <see cref="StoreVersion"/> also
/// bumps it when another instance wrote (docs/adr/0007).
/// </summary>
public sealed class StoreWrites
{
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    internal IInterceptor[] Interceptors => [new CommandWatch(this), new CommitWatch(this), new SaveWatch(this)];

    /// <summary>
    /// Raised after each bump, on the writing thread: handlers must only take note (signal work), never do it.
    /// </summary>
    public event Action? Written;

    /// <summary>Raised after a bump for this process's own write only, so it can be told to other instances.</summary>
    public event Action? WrittenHere;

    /// <summary>
    /// Raised after a bump for another instance's write only (PostgreSQL), so what this process
    /// publishes of its own writes (the live pages) can be learnt from the store instead.
    /// </summary>
    public event Action? WrittenOutside;

    /// <summary>Another instance wrote: every cache that watches this number reads again.</summary>
    public void WrittenElsewhere()
    {
        Interlocked.Increment(ref _version);
        Written?.Invoke();
        WrittenOutside?.Invoke();
    }

    private void Bump()
    {
        Interlocked.Increment(ref _version);
        Written?.Invoke();
        WrittenHere?.Invoke();
    }

    // Reads never bump; anything else might write. Commits bump again, after the data is visible.
    private static bool MayWrite(DbCommand command) =>
        !command.CommandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    private sealed class CommandWatch(StoreWrites writes) : DbCommandInterceptor
    {
        // A statement that changed no row changed nothing a cache holds (the minutely purge and wake
        // jobs, mostly): no bump, or every cache would be read again each minute on an idle store.
        // -1 (no count, DDL and the like on some providers) still bumps; a transaction's commit bumps
        // whatever its statements counted.
        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            if (result != 0 && MayWrite(command))
                writes.Bump();
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(
            DbCommand command,
            CommandExecutedEventData eventData,
            int result,
            CancellationToken cancellationToken = default
        )
        {
            if (result != 0 && MayWrite(command))
                writes.Bump();
            return ValueTask.FromResult(result);
        }

        public override DbDataReader ReaderExecuted(
            DbCommand command,
            CommandExecutedEventData eventData,
            DbDataReader result
        )
        {
            if (MayWrite(command))
                writes.Bump();
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command,
            CommandExecutedEventData eventData,
            DbDataReader result,
            CancellationToken cancellationToken = default
        )
        {
            if (MayWrite(command))
                writes.Bump();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderClosing(
            DbCommand command,
            DataReaderClosingEventData eventData,
            InterceptionResult result
        )
        {
            if (MayWrite(command))
                writes.Bump();
            return result;
        }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(
            DbCommand command,
            DataReaderClosingEventData eventData,
            InterceptionResult result
        )
        {
            if (MayWrite(command))
                writes.Bump();
            return ValueTask.FromResult(result);
        }
    }

    private sealed class CommitWatch(StoreWrites writes) : DbTransactionInterceptor
    {
        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
            writes.Bump();

        public override Task TransactionCommittedAsync(
            DbTransaction transaction,
            TransactionEndEventData eventData,
            CancellationToken cancellationToken = default
        )
        {
            writes.Bump();
            return Task.CompletedTask;
        }
    }

    // An INSERT … RETURNING outside a transaction commits when its reader is done: SavedChanges runs after that.
    // A SaveChanges with nothing to save (the wake job on a quiet minute) wrote nothing.
    private sealed class SaveWatch(StoreWrites writes) : SaveChangesInterceptor
    {
        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            if (result != 0)
                writes.Bump();
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(
            SaveChangesCompletedEventData eventData,
            int result,
            CancellationToken cancellationToken = default
        )
        {
            if (result != 0)
                writes.Bump();
            return ValueTask.FromResult(result);
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => writes.Bump();

        public override Task SaveChangesFailedAsync(
            DbContextErrorEventData eventData,
            CancellationToken cancellationToken = default
        )
        {
            writes.Bump();
            return Task.CompletedTask;
        }
    }
}
