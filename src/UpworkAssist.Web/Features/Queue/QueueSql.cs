using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>
/// The one SQL statement behind every queue row: the matches a filter selects, newest first, with
/// their posting, lane, assignee's name and the other lanes that matched the same posting. The
/// keys are chosen first (an index range with LIMIT), then only those rows are joined and
/// decorated, so the per-row subqueries never run for rows outside the page. Values are always
/// parameters; the text is built only from fixed fragments. Storage follows AppDbContext's
/// conventions: instants are UTC ticks, money is REAL, enums are their names; bools and lists are
/// read through the <see cref="StoreDialect"/>. One text for SQLite and PostgreSQL but for the
/// other-lanes aggregate.
/// </summary>
public sealed class QueueSql
{
    private readonly List<string> _where = [];
    private readonly List<(string Name, object? Value)> _parameters = [];
    private bool _joinPosting;

    public QueueSql Where(string condition, params (string Name, object? Value)[] parameters)
    {
        _where.Add(condition);
        _parameters.AddRange(parameters);
        return this;
    }

    private QueueSql WherePosting(string condition, params (string Name, object? Value)[] parameters)
    {
        _joinPosting = true;
        return Where(condition, parameters);
    }

    /// <summary>The conditions of a queue filter, within what the person may see.</summary>
    /// <param name="retention">
    /// How long the marketplace's content may be kept (Upwork:ContentRetention), for "expiring".
    /// </param>
    public void Filter(QueueFilter f, QueueScope scope, DateTimeOffset now, TimeSpan? retention = null)
    {
        if (scope.AssignedOnly)
            Where("m.\"AssigneeId\" = @me", ("@me", scope.UserId));
        if (!string.IsNullOrEmpty(f.Lane))
            Where("m.\"LaneId\" = @lane", ("@lane", f.Lane));
        switch (f.EffectiveStatus(scope.AssignedOnly))
        {
            case QueueFilter.AllStatuses:
                break;
            case QueueFilter.OpenStatuses:
                Where("m.\"Status\" IN ('" + string.Join("', '", QueueFilter.OpenSet) + "')");
                break;
            case var name when Enum.TryParse<MatchStatus>(name, false, out var status):
                Where("m.\"Status\" = @status", ("@status", status.ToString()));
                break;
        }
        switch (f.Assignee)
        {
            case null or "":
                break;
            case QueueFilter.Me:
                Where("m.\"AssigneeId\" = @assignee", ("@assignee", scope.UserId));
                break;
            case QueueFilter.Unassigned:
                Where("m.\"AssigneeId\" IS NULL");
                break;
            default:
                Where("m.\"AssigneeId\" = @assignee", ("@assignee", f.Assignee));
                break;
        }
        if (f.Verified)
            WherePosting("p.\"ClientPaymentVerified\" = TRUE");
        if (f.HideClosed)
            WherePosting(
                "(p.\"FreelancersToHire\" IS NULL OR p.\"FreelancersToHire\" > 0) AND (p.\"Applied\" IS NULL OR "
                    + "p.\"Applied\" = FALSE)"
            );
        if (f.MatchIds is { } ids)
        {
            // Ids are parsed numbers, each bound as a parameter.
            var names = ids.Select(
                    (id, i) => ("@match" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), (object?)id)
                )
                .ToArray();
            Where(
                names.Length == 0 ? "0 = 1" : $"m.\"Id\" IN ({string.Join(", ", names.Select(n => n.Item1))})",
                names
            );
        }
        if (f.Expiring && retention is { } kept)
        {
            WherePosting(
                "p.\"ContentPurgedAt\" IS NULL AND p.\"ActedOnAt\" IS NULL AND p.\"FetchedAt\" <= @expiring",
                ("@expiring", (now - kept + QueueFilter.ExpiringWithin).UtcTicks)
            );
        }
        if (f.MaxAgeHours is { } hours)
            WherePosting("p.\"PublishedAt\" >= @since", ("@since", now.AddHours(-hours).UtcTicks));
        // The fixed budget of fixed-price jobs, the top hourly rate (or the only one) of hourly ones.
        const string budget =
            "(CASE WHEN p.\"Type\" = 'Fixed' THEN p.\"FixedBudget\" ELSE COALESCE(p.\"HourlyMax\", p.\"HourlyMin\") "
            + "END)";
        if (f.BudgetMin is { } min)
            WherePosting(budget + " >= @min", ("@min", (double)min));
        if (f.BudgetMax is { } max)
            WherePosting(budget + " <= @max", ("@max", (double)max));
    }

    /// <summary>Only rows after the keyset cursor (older, or as old with a smaller id).</summary>
    public void After(QueueCursor after) =>
        Where(
            "(m.\"MatchedAt\" < @at OR (m.\"MatchedAt\" = @at AND m.\"Id\" < @afterId))",
            ("@at", after.MatchedAtTicks),
            ("@afterId", after.Id)
        );

    // The other lanes that matched the same posting, as [["lane-id","Lane name"], …]: the one
    // fragment whose text differs. SQLite answers "[]" for none, PostgreSQL NULL.
    private const string SqliteOtherLanes = "json_group_array(json_array(o.\"LaneId\", ol.\"Name\"))";
    private const string PostgresOtherLanes = "json_agg(json_build_array(o.\"LaneId\", ol.\"Name\"))::text";

    public string ToSql(int limit, StoreDialect dialect)
    {
        var keys = new StringBuilder("SELECT m.\"Id\" FROM \"Matches\" AS m");
        if (_joinPosting)
            keys.Append(" JOIN \"Postings\" AS p ON p.\"Id\" = m.\"PostingId\"");
        if (_where.Count > 0)
            keys.Append(" WHERE ").AppendJoin(" AND ", _where);
        keys.Append(" ORDER BY m.\"MatchedAt\" DESC, m.\"Id\" DESC LIMIT ").Append(limit);
        return $"""
            SELECT m."Id", m."PostingId", p."Title", p."Url", p."Type", p."FixedBudget", p."HourlyMin", p."HourlyMax",
                p."ClientCountry", p."ClientPaymentVerified", p."ClientTotalSpent", p."ClientTotalHires",
                p."ClientRating", p."ClientReviewsCount", p."TotalApplicants", p."PublishedAt", m."MatchedAt",
                m."LaneId", l."Name", m."Status", m."AssigneeId", m."SnoozedUntil", m."DismissReason",
                m."Version", p."ContentPurgedAt" IS NOT NULL, m."MatchedKeywords", m."Score",
                CASE WHEN m."AssigneeId" IS NULL THEN NULL
                     ELSE COALESCE((SELECT u."DisplayName" FROM "AspNetUsers" AS u WHERE u."Id" = m."AssigneeId"),
                                   '(removed user)') END,
                (SELECT {(dialect.IsPostgres ? PostgresOtherLanes : SqliteOtherLanes)}
                   FROM "Matches" AS o JOIN "Lanes" AS ol ON ol."Id" = o."LaneId"
                  WHERE o."PostingId" = m."PostingId" AND o."Id" <> m."Id"),
                p."RenewedAt", p."FreelancersToHire", p."Enterprise", p."Applied", p."ClientMemberSince",
                p."ClientHasFinancialPrivacy"
            FROM ({keys}) AS k
            JOIN "Matches" AS m ON m."Id" = k."Id"
            JOIN "Postings" AS p ON p."Id" = m."PostingId"
            JOIN "Lanes" AS l ON l."Id" = m."LaneId"
            ORDER BY m."MatchedAt" DESC, m."Id" DESC
            """;
    }

    // PostgreSQL plans a prepared statement anew for its parameters until it trusts a generic plan,
    // and for the filtered views it never does: planning this statement cost more than running it
    // (1.3 ms against 1.6 ms). Its plan does not depend on the values (keyset on the lane, status or
    // assignee index, LIMIT 51), so it is planned once per connection and filter shape: the setting
    // is local to the statement's implicit transaction (the two statements go as one batch).
    private const string GenericPlan = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true);\n";

    public async Task<List<QueueRow>> ReadAsync(AppDbContext db, int limit, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            var dialect = StoreDialect.Of(db);
            command.CommandText = dialect.IsPostgres ? GenericPlan + ToSql(limit, dialect) : ToSql(limit, dialect);
            foreach (var (name, value) in _parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (dialect.IsPostgres)
                await reader.NextResultAsync(ct);
            var rows = new List<QueueRow>(Math.Min(limit, 64));
            while (await reader.ReadAsync(ct))
                rows.Add(Read(reader, dialect));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static QueueRow Read(DbDataReader r, StoreDialect d) =>
        new(
            r.GetInt64(0),
            r.GetString(1),
            r.GetString(2),
            Text(r, 3),
            Enum.Parse<PostingType>(r.GetString(4)),
            Money(r, 5),
            Money(r, 6),
            Money(r, 7),
            new ClientFacts(
                Text(r, 8),
                d.ReadFlag(r, 9),
                Money(r, 10),
                Int(r, 11),
                r.IsDBNull(12) ? null : r.GetDouble(12),
                Int(r, 13)
            ),
            Int(r, 14),
            Instant(r.GetInt64(15)),
            Instant(r.GetInt64(16)),
            r.GetString(17),
            r.GetString(18),
            Enum.Parse<MatchStatus>(r.GetString(19)),
            Text(r, 20),
            r.IsDBNull(21) ? null : Instant(r.GetInt64(21)),
            Text(r, 22),
            r.GetInt32(23),
            d.ReadFlagValue(r, 24),
            d.ReadList(r, 25),
            r.GetDouble(26),
            Text(r, 27)
        )
        {
            OtherLanes = OtherLanes(Text(r, 28)),
            Facts = new PostingFacts(
                r.IsDBNull(29) ? null : Instant(r.GetInt64(29)),
                Int(r, 30),
                d.ReadFlag(r, 31),
                d.ReadFlag(r, 32),
                r.IsDBNull(33) ? null : Instant(r.GetInt64(33)),
                d.ReadFlag(r, 34)
            ),
        };

    // [["lane-id","Lane name"], …] from the JSON aggregate: names may hold any character.
    private static List<(string Id, string Name)> OtherLanes(string? json) =>
        json is null or "[]"
            ? []
            : [.. JsonSerializer.Deserialize(json, QueueJson.Default.StringArrayArray)!.Select(x => (x[0], x[1]))];

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static decimal? Money(DbDataReader r, int i) => r.IsDBNull(i) ? null : (decimal)r.GetDouble(i);

    private static DateTimeOffset Instant(long ticks) => new(ticks, TimeSpan.Zero);
}

/// <summary>Source-generated readers for the JSON the queue's SQL returns (no reflection per row).</summary>
[JsonSerializable(typeof(string[][]))]
internal sealed partial class QueueJson : JsonSerializerContext;
