using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// Idempotent upsert by ciphertext, the feed's hot path, one transaction per page: a new posting is
/// inserted; a known one is updated only when its content differs (`IS DISTINCT FROM`), keeping
/// `FetchedAt` and `Source`; a purged one is left alone. Then the <see cref="IPostingsStored"/> hooks
/// hear of the changes. EF's change tracker costs several times more per row (docs/performance.md),
/// so the statement is hand-written, one per provider side by side: on SQLite one prepared
/// `INSERT … ON CONFLICT DO UPDATE` per posting (a statement there is a function call); on
/// PostgreSQL the whole page as one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE … RETURNING`
/// (one round trip instead of one per posting).
/// </summary>
public sealed class PostingIngest(
    AppDbContext db,
    IEnumerable<IPostingsStored> listeners,
    TimeProvider clock,
    ILogger<PostingIngest> logger
)
{
    public sealed record Result(int New, int Updated, int Unchanged, int ListenerErrors);

    /// <summary>The insert's column list, the same on both providers: PostingColumns, then the two times.</summary>
    internal static readonly string InsertInto =
        $"INSERT INTO \"Postings\" ({string.Join(", ", PostingColumns.All.Select(c => $"\"{c.Name}\""))}, "
        + "\"FetchedAt\", \"UpdatedAt\") ";

    /// <summary>
    /// The conflict target is the primary key; the WHERE makes an unchanged or purged row a no-op
    /// (0 rows). The same on both providers.
    /// </summary>
    internal static readonly string OnConflictUpdate =
        $"ON CONFLICT (\"Id\") DO UPDATE SET "
        + $"{string.Join(", ", PostingColumns.Content.Select(c => $"\"{c}\" = excluded.\"{c}\""))}, "
        + "\"UpdatedAt\" = excluded.\"UpdatedAt\" WHERE \"Postings\".\"ContentPurgedAt\" IS NULL AND ("
        + string.Join(
            " OR ",
            PostingColumns.Content.Select(c => $"\"Postings\".\"{c}\" IS DISTINCT FROM excluded.\"{c}\"")
        )
        + ")";

    private static readonly string UpsertSql =
        InsertInto
        + $"VALUES ({string.Join(", ", PostingColumns.All.Select(c => "@" + c.Name))}, @Now, @Now) "
        + OnConflictUpdate;

    // Parameter types fixed up front, whatever row is bound first. A list takes its value's type.
    private static System.Data.DbType? TypeOf(PostingColumnKind kind) =>
        kind switch
        {
            PostingColumnKind.Ticks => System.Data.DbType.Int64,
            PostingColumnKind.Count => System.Data.DbType.Int32,
            PostingColumnKind.Real => System.Data.DbType.Double,
            PostingColumnKind.Flag => System.Data.DbType.Boolean,
            PostingColumnKind.Text => System.Data.DbType.String,
            _ => null,
        };

    public async Task<Result> UpsertAsync(IReadOnlyList<Posting> postings, CancellationToken ct)
    {
        var batch = postings.DistinctBy(p => p.Id, StringComparer.Ordinal).ToList();
        if (batch.Count == 0)
        {
            return new Result(0, 0, 0, 0);
        }
        var now = clock.GetUtcNow();
        var added = new List<Posting>();
        var changed = new List<Posting>();

        var dialect = StoreDialect.Of(db);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (dialect.IsPostgres)
            {
                // One batch is one transaction of its own: no BEGIN and COMMIT round trips.
                await PostgresPageUpsert.RunAsync((NpgsqlConnection)connection, batch, now, added, changed, ct);
            }
            else
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await UpsertEachAsync(connection, tx.GetDbTransaction(), dialect, batch, now, added, changed, ct);
                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var listenerErrors = 0;
        if (added.Count + changed.Count > 0)
        {
            var stored = new PostingsStoredBatch(batch[0].Source, added, changed);
            foreach (var listener in listeners)
            {
                try
                {
                    await listener.OnPostingsStoredAsync(stored, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    listenerErrors++;
                    logger.LogError(
                        ex,
                        "A postings listener ({Listener}) failed for {Count} postings",
                        listener.GetType().Name,
                        added.Count + changed.Count
                    );
                }
            }
        }
        return new Result(added.Count, changed.Count, batch.Count - added.Count - changed.Count, listenerErrors);
    }

    // SQLite: one prepared statement per posting; which rows are new comes from one read first.
    private static async Task UpsertEachAsync(
        DbConnection connection,
        DbTransaction transaction,
        StoreDialect dialect,
        List<Posting> batch,
        DateTimeOffset now,
        List<Posting> added,
        List<Posting> changed,
        CancellationToken ct
    )
    {
        var existing = await ExistingAsync(connection, transaction, batch.Select(p => p.Id).ToList(), ct);
        await using var command = Command(connection, transaction);
        await command.PrepareAsync(ct);
        foreach (var p in batch)
        {
            var isNew = !existing.TryGetValue(p.Id, out var firstFetched);
            Bind(command, dialect, p, now);
            if (await command.ExecuteNonQueryAsync(ct) == 1)
            {
                // Hand listeners the posting as stored: an update keeps the first fetch time.
                p.FetchedAt = isNew ? now : firstFetched;
                p.UpdatedAt = now;
                (isNew ? added : changed).Add(p);
            }
        }
    }

    /// <summary>The ids already stored, with when each was first fetched.</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> ExistingAsync(
        DbConnection connection,
        DbTransaction transaction,
        List<string> ids,
        CancellationToken ct
    )
    {
        var found = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var names = new List<string>();
            for (var i = 0; i < chunk.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                parameter.Value = chunk[i];
                command.Parameters.Add(parameter);
                names.Add(parameter.ParameterName);
            }
#pragma warning disable CA2100 // parameter names only; every value is a parameter
            command.CommandText =
                $"SELECT \"Id\", \"FetchedAt\" FROM \"Postings\" WHERE \"Id\" IN ({string.Join(",", names)})";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                found[reader.GetString(0)] = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
            }
        }
        return found;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // built from constant column names
        command.CommandText = UpsertSql;
#pragma warning restore CA2100
        // In PostingColumns order, then the time: Bind sets them by position.
        foreach (var column in PostingColumns.All)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + column.Name;
            if (TypeOf(column.Kind) is { } type)
                parameter.DbType = type;
            command.Parameters.Add(parameter);
        }
        var now = command.CreateParameter();
        now.ParameterName = "@Now";
        now.DbType = System.Data.DbType.Int64;
        command.Parameters.Add(now);
        return command;
    }

    // Values in the same representation EF uses for these columns (AppDbContext conventions).
    private static void Bind(DbCommand c, StoreDialect dialect, Posting p, DateTimeOffset now)
    {
        var values = c.Parameters;
        for (var i = 0; i < PostingColumns.All.Length; i++)
        {
            var column = PostingColumns.All[i];
            var value = column.Value(p);
            values[i].Value = column.Kind switch
            {
                PostingColumnKind.Flag => dialect.Flag((bool?)value),
                PostingColumnKind.List => dialect.List((IReadOnlyCollection<string>)value!),
                _ => value ?? DBNull.Value,
            };
        }
        values[PostingColumns.All.Length].Value = now.UtcTicks;
    }
}
