using Npgsql;
using NpgsqlTypes;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// PostingIngest's statement on PostgreSQL: a whole page in one `INSERT … SELECT FROM unnest(…)`, one
/// array parameter per column, so the page costs one round trip instead of one per posting. The same
/// rule as the SQLite statement (insert new; update a known, unpurged posting only when its content
/// differs, keeping `FetchedAt` and `Source`). `RETURNING` names the rows written, and `xmax = 0`
/// tells an insert from an update (an updated row version carries the updating transaction), so no
/// read of the existing ids is needed first.
/// </summary>
/// <remarks>
/// The page is one `NpgsqlBatch` without an explicit transaction: PostgreSQL runs a batch's statements
/// in one implicit transaction, committed with the batch, so the page is stored whole or not at all in a
/// single round trip. It commits asynchronously (`set_config('synchronous_commit', 'off', true)`, local
/// to that transaction): it does not wait for its WAL flush. That loses nothing the feed relies on: the
/// poller advances its cursor afterwards in a transaction that commits synchronously, and a flush covers
/// all WAL before it, so a crash before that flush loses both the postings and the cursor move, and the
/// next poll reads the page again. Matches and alerts for the postings are written by synchronous
/// transactions too (the matcher runs after the upsert returns).
/// </remarks>
internal static class PostgresPageUpsert
{
    // The unnest's columns, in parameter order: every column of PostingColumns but the lists
    // (Skills, sent as slices of one array, below), each as one array of the page's values.
    private static readonly PostingColumn[] Columns =
    [
        .. PostingColumns.All.Where(c => c.Kind != PostingColumnKind.List),
    ];

    // Skills is a list per posting; unnest needs rectangular arrays, so the page's skills travel as
    // one flat array and each posting takes its slice [from:to] (an empty slice when from > to). The
    // one list column: a second would need its own flat array.
    private static readonly PostingColumn<IReadOnlyCollection<string>> Skills = PostingColumns
        .All.OfType<PostingColumn<IReadOnlyCollection<string>>>()
        .Single();

    private static readonly string[] Unnested = [.. Columns.Select(c => c.Name), "SkillsFrom", "SkillsTo"];

    private static readonly string Sql = BuildSql();

    public static async Task RunAsync(
        NpgsqlConnection connection,
        List<Posting> batch,
        DateTimeOffset now,
        List<Posting> added,
        List<Posting> changed,
        CancellationToken ct
    )
    {
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT set_config('synchronous_commit', 'off', true)"),
                Command(batch, now),
            },
        };
        var written = new Dictionary<string, (long FetchedAt, bool Inserted)>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct); // past set_config's one row, to the upsert's RETURNING
            while (await reader.ReadAsync(ct))
                written[reader.GetString(0)] = (reader.GetInt64(1), reader.GetBoolean(2));
        }
        // In the page's order, as on SQLite (RETURNING promises none).
        foreach (var p in batch)
        {
            if (!written.TryGetValue(p.Id, out var row))
                continue;
            // Hand listeners the posting as stored: an update keeps the first fetch time.
            p.FetchedAt = new DateTimeOffset(row.FetchedAt, TimeSpan.Zero);
            p.UpdatedAt = now;
            (row.Inserted ? added : changed).Add(p);
        }
    }

    private static NpgsqlBatchCommand Command(List<Posting> batch, DateTimeOffset now)
    {
        var skills = new List<string>();
        var from = new int[batch.Count];
        var to = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            from[i] = skills.Count + 1;
            skills.AddRange(Skills.Read(batch[i]));
            to[i] = skills.Count;
        }
        // Positional ($1, $2, …) in the order of Unnested, then the skills and the time.
        var command = new NpgsqlBatchCommand(Sql);
        var values = command.Parameters;
        foreach (var column in Columns)
            values.Add(Array(batch, column));
        values.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = from });
        values.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = to });
        values.Add(
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = skills.ToArray() }
        );
        values.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = now.UtcTicks });
        return command;
    }

    private static string BuildSql()
    {
        static string Q(string c) => $"\"{c}\"";
        var skills = $"${Unnested.Length + 1}[u.\"SkillsFrom\":u.\"SkillsTo\"]";
        var now = $"${Unnested.Length + 2}";
        // In InsertInto's order: PostingColumns, then the two times.
        var selected = PostingColumns.All.Select(c => ReferenceEquals(c, Skills) ? skills : "u." + Q(c.Name));
        var parameters = Unnested.Select((_, i) => $"${i + 1}");
        return PostingIngest.InsertInto
            + $"SELECT {string.Join(", ", selected)}, {now}, {now} "
            + $"FROM unnest({string.Join(", ", parameters)}) AS u({string.Join(", ", Unnested.Select(Q))}) "
            + PostingIngest.OnConflictUpdate
            + " RETURNING \"Id\", \"FetchedAt\", (xmax = 0)";
    }

    // One typed array per column: the element type tells Npgsql the wire type.
    private static NpgsqlParameter Array(List<Posting> batch, PostingColumn column) =>
        column.Kind switch
        {
            PostingColumnKind.Text => Typed<string?>(batch, column, NpgsqlDbType.Text),
            PostingColumnKind.Ticks => Typed<long?>(batch, column, NpgsqlDbType.Bigint),
            PostingColumnKind.Count => Typed<int?>(batch, column, NpgsqlDbType.Integer),
            PostingColumnKind.Real => Typed<double?>(batch, column, NpgsqlDbType.Double),
            PostingColumnKind.Flag => Typed<bool?>(batch, column, NpgsqlDbType.Boolean),
            _ => throw new InvalidOperationException($"{column.Name}: lists travel as slices"),
        };

    private static NpgsqlParameter Typed<T>(List<Posting> batch, PostingColumn column, NpgsqlDbType type)
    {
        var read = ((PostingColumn<T>)column).Read;
        var values = new T[batch.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = read(batch[i]);
        return new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values };
    }
}
