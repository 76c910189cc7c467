using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace UpworkAssist.Web.Data;

/// <summary>
/// What hand-written SQL must know about the provider it runs on (docs/architecture.md "Store"):
/// how a bool and a list of strings travel as parameters and come back from a reader. Everything
/// else is one statement for both: identifiers double-quoted, `TRUE`/`FALSE` literals (SQLite reads
/// them as 1/0), `IS DISTINCT FROM`, `ON CONFLICT`. A statement whose text must differ keeps both
/// versions side by side at its site and picks one with <see cref="IsPostgres"/>.
/// </summary>
public abstract class StoreDialect
{
    public static readonly StoreDialect Sqlite = new SqliteDialect();
    public static readonly StoreDialect Postgres = new PostgresDialect();

    public static StoreDialect Of(AppDbContext db) => db.Database.IsNpgsql() ? Postgres : Sqlite;

    public abstract bool IsPostgres { get; }

    /// <summary>A bool column's parameter value: INTEGER 0/1 on SQLite, boolean on PostgreSQL.</summary>
    public object Flag(bool? value) => value is { } v ? FlagValue(v) : DBNull.Value;

    /// <summary>
    /// A list column's parameter value (Posting.Skills, Match.MatchedKeywords): JSON text on SQLite, text[] on
    /// PostgreSQL.
    /// </summary>
    public abstract object List(IReadOnlyCollection<string> values);

    public bool? ReadFlag(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : ReadFlagValue(reader, i);

    /// <summary>A non-null bool the statement computed, such as `x IS NOT NULL`.</summary>
    public abstract bool ReadFlagValue(DbDataReader reader, int i);

    public string[] ReadList(DbDataReader reader, int i) => reader.IsDBNull(i) ? [] : ReadListValue(reader, i);

    protected abstract object FlagValue(bool value);

    protected abstract string[] ReadListValue(DbDataReader reader, int i);

    private sealed class SqliteDialect : StoreDialect
    {
        private static readonly object One = 1L,
            Zero = 0L;

        public override bool IsPostgres => false;

        public override object List(IReadOnlyCollection<string> values) =>
            JsonSerializer.Serialize(values, StoreJson.Default.IReadOnlyCollectionString);

        public override bool ReadFlagValue(DbDataReader reader, int i) => reader.GetInt64(i) != 0;

        protected override object FlagValue(bool value) => value ? One : Zero;

        protected override string[] ReadListValue(DbDataReader reader, int i) =>
            reader.GetString(i) is { } json && json is not ("" or "[]")
                ? JsonSerializer.Deserialize(json, StoreJson.Default.StringArray) ?? []
                : [];
    }

    private sealed class PostgresDialect : StoreDialect
    {
        private static readonly object True = true,
            False = false;

        public override bool IsPostgres => true;

        public override object List(IReadOnlyCollection<string> values) => values.ToArray();

        public override bool ReadFlagValue(DbDataReader reader, int i) => reader.GetBoolean(i);

        protected override object FlagValue(bool value) => value ? True : False;

        protected override string[] ReadListValue(DbDataReader reader, int i) => reader.GetFieldValue<string[]>(i);
    }
}

/// <summary>Source-generated JSON for the SQLite list columns (no reflection per row).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyCollection<string>))]
internal sealed partial class StoreJson : System.Text.Json.Serialization.JsonSerializerContext;
