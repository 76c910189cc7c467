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
    // The unnest's columns, in parameter order: every stored column but Skills, then its slice bounds.
    private static readonly string[] Unnested =
    [
        "Id",
        .. PostingIngest.ContentColumns.Where(c => c != "Skills"),
        "Source",
        "SkillsFrom",
        "SkillsTo",
    ];

    // Skills is a list per posting; unnest needs rectangular arrays, so the page's skills travel as
    // one flat array and each posting takes its slice [from:to] (an empty slice when from > to).
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
        var byId = batch.ToDictionary(p => p.Id, StringComparer.Ordinal);
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT set_config('synchronous_commit', 'off', true)"),
                Command(batch, now),
            },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past set_config's one row, to the upsert's RETURNING
        while (await reader.ReadAsync(ct))
        {
            var p = byId[reader.GetString(0)];
            // Hand listeners the posting as stored: an update keeps the first fetch time.
            p.FetchedAt = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
            p.UpdatedAt = now;
            (reader.GetBoolean(2) ? added : changed).Add(p);
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
            skills.AddRange(batch[i].Skills);
            to[i] = skills.Count;
        }
        // Positional ($1, $2, …) in the order of Unnested, then the skills and the time.
        var command = new NpgsqlBatchCommand(Sql);
        var values = command.Parameters;
        values.Add(Text(batch, p => p.Id));
        values.Add(Text(batch, p => p.MarketplaceId));
        values.Add(Text(batch, p => p.Url));
        values.Add(Text(batch, p => p.Title));
        values.Add(Text(batch, p => p.Description));
        values.Add(Array(batch, NpgsqlDbType.Bigint, p => p.PublishedAt.UtcTicks));
        values.Add(Text(batch, p => p.Type.ToString()));
        values.Add(Array(batch, NpgsqlDbType.Double, p => Real(p.FixedBudget)));
        values.Add(Array(batch, NpgsqlDbType.Double, p => Real(p.HourlyMin)));
        values.Add(Array(batch, NpgsqlDbType.Double, p => Real(p.HourlyMax)));
        values.Add(Text(batch, p => p.ExperienceLevel));
        values.Add(Text(batch, p => p.Category));
        values.Add(Array(batch, NpgsqlDbType.Integer, p => p.TotalApplicants));
        values.Add(Text(batch, p => p.Client.Country));
        values.Add(Array(batch, NpgsqlDbType.Boolean, p => p.Client.PaymentVerified));
        values.Add(Array(batch, NpgsqlDbType.Double, p => Real(p.Client.TotalSpent)));
        values.Add(Array(batch, NpgsqlDbType.Integer, p => p.Client.TotalHires));
        values.Add(Array(batch, NpgsqlDbType.Double, p => p.Client.Rating));
        values.Add(Array(batch, NpgsqlDbType.Integer, p => p.Client.ReviewsCount));
        values.Add(Array(batch, NpgsqlDbType.Bigint, p => p.RenewedAt?.UtcTicks));
        values.Add(Array(batch, NpgsqlDbType.Integer, p => p.FreelancersToHire));
        values.Add(Array(batch, NpgsqlDbType.Boolean, p => p.Enterprise));
        values.Add(Array(batch, NpgsqlDbType.Boolean, p => p.Applied));
        values.Add(Array(batch, NpgsqlDbType.Bigint, p => p.ClientMemberSince?.UtcTicks));
        values.Add(Array(batch, NpgsqlDbType.Boolean, p => p.ClientHasFinancialPrivacy));
        values.Add(Text(batch, p => p.Source.ToString()));
        values.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = from });
        values.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = to });
        values.Add(
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = skills.ToArray() }
        );
        values.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = now.UtcTicks });
        if (values.Count != Unnested.Length + 2)
            throw new InvalidOperationException("The page upsert's parameters do not match its columns.");
        return command;
    }

    private static string BuildSql()
    {
        static string Q(string c) => $"\"{c}\"";
        var skills = $"${Unnested.Length + 1}[u.\"SkillsFrom\":u.\"SkillsTo\"]";
        var now = $"${Unnested.Length + 2}";
        var selected = PostingIngest.ContentColumns.Select(c => c == "Skills" ? skills : "u." + Q(c));
        var parameters = Unnested.Select((_, i) => $"${i + 1}");
        return PostingIngest.InsertInto
            + $"SELECT u.\"Id\", {string.Join(", ", selected)}, u.\"Source\", {now}, {now} "
            + $"FROM unnest({string.Join(", ", parameters)}) AS u({string.Join(", ", Unnested.Select(Q))}) "
            + PostingIngest.OnConflictUpdate
            + " RETURNING \"Id\", \"FetchedAt\", (xmax = 0)";
    }

    private static NpgsqlParameter Text(List<Posting> batch, Func<Posting, string?> value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = batch.Select(value).ToArray() };

    private static NpgsqlParameter Array<T>(List<Posting> batch, NpgsqlDbType type, Func<Posting, T> value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | type, Value = batch.Select(value).ToArray() };

    private static double? Real(decimal? d) => d is { } v ? (double)v : null;
}
