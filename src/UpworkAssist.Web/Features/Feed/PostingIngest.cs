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

    /// <summary>The stored columns a posting's content fills, in statement order (both providers).</summary>
    internal static readonly string[] ContentColumns =
    [
        "MarketplaceId",
        "Url",
        "Title",
        "Description",
        "PublishedAt",
        "Type",
        "FixedBudget",
        "HourlyMin",
        "HourlyMax",
        "ExperienceLevel",
        "Skills",
        "Category",
        "TotalApplicants",
        "ClientCountry",
        "ClientPaymentVerified",
        "ClientTotalSpent",
        "ClientTotalHires",
        "ClientRating",
        "ClientReviewsCount",
        "RenewedAt",
        "FreelancersToHire",
        "Enterprise",
        "Applied",
        "ClientMemberSince",
        "ClientHasFinancialPrivacy",
    ];

    /// <summary>The insert's column list, the same on both providers.</summary>
    internal static readonly string InsertInto =
        $"INSERT INTO \"Postings\" (\"Id\", {string.Join(", ", ContentColumns.Select(c => $"\"{c}\""))}, "
        + "\"Source\", \"FetchedAt\", \"UpdatedAt\") ";

    /// <summary>
    /// The conflict target is the primary key; the WHERE makes an unchanged or purged row a no-op
    /// (0 rows). The same on both providers.
    /// </summary>
    internal static readonly string OnConflictUpdate =
        $"ON CONFLICT (\"Id\") DO UPDATE SET "
        + $"{string.Join(", ", ContentColumns.Select(c => $"\"{c}\" = excluded.\"{c}\""))}, "
        + "\"UpdatedAt\" = excluded.\"UpdatedAt\" WHERE \"Postings\".\"ContentPurgedAt\" IS NULL AND ("
        + string.Join(" OR ", ContentColumns.Select(c => $"\"Postings\".\"{c}\" IS DISTINCT FROM excluded.\"{c}\""))
        + ")";

    private static readonly string UpsertSql =
        InsertInto
        + $"VALUES (@Id, {string.Join(", ", ContentColumns.Select(c => "@" + c))}, @Source, @Now, @Now) "
        + OnConflictUpdate;

    // Parameter types fixed up front, whatever row is bound first. Skills takes its value's type.
    private static readonly Dictionary<string, System.Data.DbType> Types = new()
    {
        ["PublishedAt"] = System.Data.DbType.Int64,
        ["RenewedAt"] = System.Data.DbType.Int64,
        ["ClientMemberSince"] = System.Data.DbType.Int64,
        ["Now"] = System.Data.DbType.Int64,
        ["FixedBudget"] = System.Data.DbType.Double,
        ["HourlyMin"] = System.Data.DbType.Double,
        ["HourlyMax"] = System.Data.DbType.Double,
        ["ClientTotalSpent"] = System.Data.DbType.Double,
        ["ClientRating"] = System.Data.DbType.Double,
        ["TotalApplicants"] = System.Data.DbType.Int32,
        ["ClientTotalHires"] = System.Data.DbType.Int32,
        ["ClientReviewsCount"] = System.Data.DbType.Int32,
        ["FreelancersToHire"] = System.Data.DbType.Int32,
        ["ClientPaymentVerified"] = System.Data.DbType.Boolean,
        ["Enterprise"] = System.Data.DbType.Boolean,
        ["Applied"] = System.Data.DbType.Boolean,
        ["ClientHasFinancialPrivacy"] = System.Data.DbType.Boolean,
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
        foreach (var name in ContentColumns.Append("Id").Append("Source").Append("Now"))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            if (Types.TryGetValue(name, out var type))
                parameter.DbType = type;
            else if (name != "Skills")
                parameter.DbType = System.Data.DbType.String;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    // Values in the same representation EF uses for these columns (AppDbContext conventions).
    private static void Bind(DbCommand c, StoreDialect dialect, Posting p, DateTimeOffset now)
    {
        var values = c.Parameters;
        values["@Id"].Value = p.Id;
        values["@MarketplaceId"].Value = (object?)p.MarketplaceId ?? DBNull.Value;
        values["@Url"].Value = (object?)p.Url ?? DBNull.Value;
        values["@Title"].Value = p.Title;
        values["@Description"].Value = p.Description;
        values["@PublishedAt"].Value = p.PublishedAt.UtcTicks;
        values["@Type"].Value = p.Type.ToString();
        values["@FixedBudget"].Value = Real(p.FixedBudget);
        values["@HourlyMin"].Value = Real(p.HourlyMin);
        values["@HourlyMax"].Value = Real(p.HourlyMax);
        values["@ExperienceLevel"].Value = (object?)p.ExperienceLevel ?? DBNull.Value;
        values["@Skills"].Value = dialect.List(p.Skills);
        values["@Category"].Value = (object?)p.Category ?? DBNull.Value;
        values["@TotalApplicants"].Value = (object?)p.TotalApplicants ?? DBNull.Value;
        values["@ClientCountry"].Value = (object?)p.Client.Country ?? DBNull.Value;
        values["@ClientPaymentVerified"].Value = dialect.Flag(p.Client.PaymentVerified);
        values["@ClientTotalSpent"].Value = Real(p.Client.TotalSpent);
        values["@ClientTotalHires"].Value = (object?)p.Client.TotalHires ?? DBNull.Value;
        values["@ClientRating"].Value = (object?)p.Client.Rating ?? DBNull.Value;
        values["@ClientReviewsCount"].Value = (object?)p.Client.ReviewsCount ?? DBNull.Value;
        values["@RenewedAt"].Value = p.RenewedAt is { } renewed ? renewed.UtcTicks : DBNull.Value;
        values["@FreelancersToHire"].Value = (object?)p.FreelancersToHire ?? DBNull.Value;
        values["@Enterprise"].Value = dialect.Flag(p.Enterprise);
        values["@Applied"].Value = dialect.Flag(p.Applied);
        values["@ClientMemberSince"].Value = p.ClientMemberSince is { } since ? since.UtcTicks : DBNull.Value;
        values["@ClientHasFinancialPrivacy"].Value = dialect.Flag(p.ClientHasFinancialPrivacy);
        values["@Source"].Value = p.Source.ToString();
        values["@Now"].Value = now.UtcTicks;
    }

    private static object Real(decimal? d) => d is { } v ? (double)v : DBNull.Value;
}
