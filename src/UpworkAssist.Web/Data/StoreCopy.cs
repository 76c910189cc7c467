using System.Data.Common;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace UpworkAssist.Web.Data;

/// <param name="From">The SQLite store: a connection string, or just the file's path.</param>
/// <param name="To">An Npgsql connection string to an empty (or not yet created) database.</param>
/// <param name="KeysDirectory">The key ring's XML files; by default <c>keys</c> beside the SQLite file.</param>
public sealed record StoreCopyRequest(string From, string To, string? KeysDirectory = null);

public enum StoreCopyOutcome
{
    Copied,
    Refused,
    Mismatch,
}

/// <summary>One table's rows and checksum as read back from each side after the copy.</summary>
public sealed record TableCheck(
    string Table,
    long SourceRows,
    long TargetRows,
    string SourceChecksum,
    string TargetChecksum
)
{
    public bool Matches => SourceRows == TargetRows && SourceChecksum == TargetChecksum;
}

public sealed record StoreCopyResult(StoreCopyOutcome Outcome, string Message, IReadOnlyList<TableCheck> Tables);

/// <summary>
/// `upwork-assist store copy`: moves a single-machine SQLite store, and its Data Protection key
/// ring, into an empty PostgreSQL database and checks every table on both sides
/// (docs/operations.md, "Moving to PostgreSQL"). The source is read in one transaction, which
/// under WAL is one consistent snapshot while the application keeps writing; the target is
/// written in one transaction, so a failed copy leaves it empty and the copy can be run again.
/// </summary>
public sealed class StoreCopy(TextWriter progress)
{
    public const string KeyRingTable = "DataProtectionKeys (key ring)";

    public async Task<StoreCopyResult> RunAsync(StoreCopyRequest request, CancellationToken ct = default)
    {
        var sqlite = SqliteSource(request.From);
        var file = sqlite.DataSource;
        if (!File.Exists(file))
            return Refused($"There is no SQLite store at {file}.");
        var keys = request.KeysDirectory ?? Path.Combine(Path.GetDirectoryName(file)!, "keys");
        if (!Directory.Exists(keys))
        {
            return Refused(
                $"There is no key ring at {keys}: pass --keys with the directory the application keeps its keys in "
                    + "(Storage:DataDirectory/keys), or encrypted secrets and sign-in cookies could not be read "
                    + "after the move."
            );
        }

        await using var source = new AppDbContext(
            new DbContextOptionsBuilder<AppDbContext>().UseSqlite(sqlite.ToString()).Options
        );
        await using var target = new PostgresAppDbContext(
            new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(request.To).Options
        );
        if ((await source.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            return Refused(
                "The SQLite store is not migrated to this version: start this version of the application on it "
                    + "once, then copy."
            );
        }

        progress.WriteLine("Migrating the target database…");
        await target.Database.MigrateAsync(ct);
        var keyTable = target.Model.FindEntityType(typeof(DataProtectionKey))!.GetTableName()!;
        var tables = CopyTable.Plan(source.Model, target.Model, skip: keyTable);
        var to = (NpgsqlConnection)target.Database.GetDbConnection();
        await to.OpenAsync(ct);
        var occupied = await OccupiedAsync(to, tables.Select(t => t.Name).Append(keyTable), ct);
        if (occupied.Count > 0)
        {
            return Refused(
                $"The target database is not empty ({string.Join(", ", occupied)} hold rows). "
                    + "Copy only into a new, empty database, and before any application instance has started on it."
            );
        }

        var from = (SqliteConnection)source.Database.GetDbConnection();
        await from.OpenAsync(ct);
        var sourceSums = new List<(long Rows, string Sum)>();
        await using (var read = from.BeginTransaction(deferred: true))
        await using (var write = await to.BeginTransactionAsync(ct))
        {
            foreach (var table in tables)
            {
                sourceSums.Add(await CopyAsync(table, from, read, to, ct));
                progress.WriteLine($"Copied {table.Name}: {sourceSums[^1].Rows} rows");
            }
            var ring = KeyRing(keys);
            await WriteKeysAsync(to, keyTable, ring, ct);
            progress.WriteLine($"Copied the key ring from {keys}: {ring.Count} keys");
            sourceSums.Add(KeyRingSum(ring));
            await ResetIdentitiesAsync(to, tables, ct);
            await write.CommitAsync(ct);
        }

        var checks = new List<TableCheck>();
        for (var i = 0; i < tables.Count; i++)
        {
            var (rows, sum) = await ChecksumAsync(
                tables[i],
                to,
                static c => c.ReadTarget,
                static c => c.TargetComparable,
                ct
            );
            checks.Add(new TableCheck(tables[i].Name, sourceSums[i].Rows, rows, sourceSums[i].Sum, sum));
        }
        var targetRing = KeyRingSum(await ReadKeysAsync(to, keyTable, ct));
        checks.Add(
            new TableCheck(KeyRingTable, sourceSums[^1].Rows, targetRing.Rows, sourceSums[^1].Sum, targetRing.Sum)
        );

        var bad = checks.Where(c => !c.Matches).Select(c => c.Table).ToList();
        return bad.Count == 0
            ? new StoreCopyResult(
                StoreCopyOutcome.Copied,
                $"Copied {checks.Count} tables; every count and checksum matches.",
                checks
            )
            : new StoreCopyResult(
                StoreCopyOutcome.Mismatch,
                $"The copy does not match the source in: {string.Join(", ", bad)}.",
                checks
            );
    }

    private static StoreCopyResult Refused(string message) => new(StoreCopyOutcome.Refused, message, []);

    // A bare path is accepted too; a relative one is read from the current directory, as a shell user expects.
    private static SqliteConnectionStringBuilder SqliteSource(string from)
    {
        var csb = from.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(from)
            : new() { DataSource = from };
        csb.DataSource = Path.GetFullPath(csb.DataSource);
        return csb;
    }

    private static async Task<List<string>> OccupiedAsync(
        NpgsqlConnection to,
        IEnumerable<string> tables,
        CancellationToken ct
    )
    {
        var occupied = new List<string>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {CopyTable.Quote(table)})", to);
            if ((bool)(await command.ExecuteScalarAsync(ct))!)
                occupied.Add(table);
        }
        return occupied;
    }

    // Streams the rows with binary COPY (no change tracking, no per-row statement) and hashes the
    // source rows as they pass, inside the read transaction, so the checksum is of what was copied.
    private static async Task<(long Rows, string Sum)> CopyAsync(
        CopyTable table,
        SqliteConnection from,
        DbTransaction read,
        NpgsqlConnection to,
        CancellationToken ct
    )
    {
        await using var select = from.CreateCommand();
        select.Transaction = (SqliteTransaction)read;
        select.CommandText = table.SelectSql(postgres: false);
        await using var rows = await select.ExecuteReaderAsync(ct);
        await using var copy = await to.BeginBinaryImportAsync(
            $"COPY {CopyTable.Quote(table.Name)} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)",
            ct
        );
        using var checksum = new RowChecksum();
        var values = new object?[table.Columns.Count];
        while (await rows.ReadAsync(ct))
        {
            await copy.StartRowAsync(ct);
            for (var i = 0; i < values.Length; i++)
            {
                var column = table.Columns[i];
                var value = column.ReadSource(rows, i);
                values[i] = value is null ? null : column.SourceComparable(value);
                var stored = value is null ? null : column.ToTarget(value);
                if (stored is null)
                    await copy.WriteNullAsync(ct);
                else
                    await copy.WriteAsync(stored, column.TargetType, ct);
            }
            checksum.AddRow(values);
        }
        await copy.CompleteAsync(ct);
        return (checksum.Rows, checksum.Finish());
    }

    private static async Task<(long Rows, string Sum)> ChecksumAsync(
        CopyTable table,
        DbConnection connection,
        Func<CopyColumn, Func<DbDataReader, int, object?>> reader,
        Func<CopyColumn, Func<object, object?>> comparable,
        CancellationToken ct
    )
    {
        await using var select = connection.CreateCommand();
        select.CommandText = table.SelectSql(postgres: connection is NpgsqlConnection);
        await using var rows = await select.ExecuteReaderAsync(ct);
        using var checksum = new RowChecksum();
        var values = new object?[table.Columns.Count];
        while (await rows.ReadAsync(ct))
        {
            for (var i = 0; i < values.Length; i++)
            {
                var value = reader(table.Columns[i])(rows, i);
                values[i] = value is null ? null : comparable(table.Columns[i])(value);
            }
            checksum.AddRow(values);
        }
        return (checksum.Rows, checksum.Finish());
    }

    // Stored as the EF key repository stores them: the file's name (key-{id}) and its XML
    // without formatting, so the application on PostgreSQL reads the very same keys.
    private static List<(string Name, string Xml)> KeyRing(string directory) =>
        Directory
            .EnumerateFiles(directory, "*.xml")
            .Select(f =>
                (Path.GetFileNameWithoutExtension(f), XElement.Load(f).ToString(SaveOptions.DisableFormatting))
            )
            .OrderBy(k => k.Item1, StringComparer.Ordinal)
            .ToList();

    private static async Task WriteKeysAsync(
        NpgsqlConnection to,
        string table,
        List<(string Name, string Xml)> ring,
        CancellationToken ct
    )
    {
        foreach (var (name, xml) in ring)
        {
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO {CopyTable.Quote(table)} (\"FriendlyName\", \"Xml\") VALUES ($1, $2)",
                to
            )
            {
                Parameters =
                {
                    new() { Value = name },
                    new() { Value = xml },
                },
            };
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<List<(string Name, string Xml)>> ReadKeysAsync(
        NpgsqlConnection to,
        string table,
        CancellationToken ct
    )
    {
        await using var select = new NpgsqlCommand(
            $"SELECT \"FriendlyName\", \"Xml\" FROM {CopyTable.Quote(table)} ORDER BY \"FriendlyName\" COLLATE \"C\"",
            to
        );
        await using var rows = await select.ExecuteReaderAsync(ct);
        var ring = new List<(string, string)>();
        while (await rows.ReadAsync(ct))
            ring.Add((rows.GetString(0), rows.GetString(1)));
        return ring;
    }

    private static (long Rows, string Sum) KeyRingSum(List<(string Name, string Xml)> ring)
    {
        using var checksum = new RowChecksum();
        foreach (var (name, xml) in ring)
            checksum.AddRow([name, xml]);
        return (checksum.Rows, checksum.Finish());
    }

    // Ids were copied as they were; each identity column's next value must follow the highest, or
    // the first insert on PostgreSQL would collide with a copied row.
    private static async Task ResetIdentitiesAsync(
        NpgsqlConnection to,
        IEnumerable<CopyTable> tables,
        CancellationToken ct
    )
    {
        foreach (
            var (table, column) in tables
                .Where(t => t.Key.Count == 1 && t.Key[0].IsInteger)
                .Select(t => (t.Name, t.Key[0].Name))
        )
        {
            var (qt, qc) = (CopyTable.Quote(table), CopyTable.Quote(column));
            await using var reset = new NpgsqlCommand(
                $"SELECT setval(s, COALESCE((SELECT MAX({qc}) FROM {qt}), 0) + 1, false) "
                    + $"FROM pg_get_serial_sequence($1, $2) AS s WHERE s IS NOT NULL",
                to
            )
            {
                Parameters =
                {
                    new() { Value = qt },
                    new() { Value = column },
                },
            };
            await reset.ExecuteNonQueryAsync(ct);
        }
    }
}
