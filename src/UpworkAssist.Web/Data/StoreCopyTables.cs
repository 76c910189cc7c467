using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace UpworkAssist.Web.Data;

/// <summary>
/// One column of a table the store copy moves, with how each side reads it and how a source
/// value becomes a target value. Where both providers store the column alike (most: ticks,
/// doubles, strings, enum names), the stored value passes unchanged; where they differ (a list
/// is JSON text on SQLite and <c>text[]</c> on PostgreSQL) it goes through the model's value.
/// </summary>
internal sealed record CopyColumn(
    string Name,
    string TargetType,
    bool IsText,
    bool IsInteger,
    Func<DbDataReader, int, object?> ReadSource,
    Func<DbDataReader, int, object?> ReadTarget,
    Func<object, object?> ToTarget,
    Func<object, object?> SourceComparable,
    Func<object, object?> TargetComparable
);

/// <summary>A table of the model, its columns and the key its rows are read in (docs/operations.md).</summary>
internal sealed record CopyTable(string Name, IReadOnlyList<CopyColumn> Columns, IReadOnlyList<CopyColumn> Key)
{
    public static string Quote(string identifier) =>
        "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string ColumnList => string.Join(", ", Columns.Select(c => Quote(c.Name)));

    /// <summary>
    /// Rows in key order. Text keys are compared bytewise on PostgreSQL (<c>COLLATE "C"</c>), as
    /// SQLite's BINARY collation does, so both sides hash their rows in the same order.
    /// </summary>
    public string SelectSql(bool postgres) =>
        $"SELECT {ColumnList} FROM {Quote(Name)} ORDER BY "
        + string.Join(", ", Key.Select(k => Quote(k.Name) + (postgres && k.IsText ? " COLLATE \"C\"" : "")));

    /// <summary>
    /// Every table of the target model but the key ring (copied from its files), parents before
    /// children, so each row's foreign keys exist when it is written. Read from the model, so a
    /// new entity is copied without a change here.
    /// </summary>
    public static IReadOnlyList<CopyTable> Plan(IModel source, IModel target, string? skip)
    {
        var sourceTables = source.GetRelationalModel().Tables.ToDictionary(t => t.Name);
        var ordered = new List<ITable>();
        var visited = new HashSet<string>();
        void Visit(ITable table)
        {
            if (!visited.Add(table.Name))
                return;
            foreach (var fk in table.ForeignKeyConstraints)
            {
                if (fk.PrincipalTable.Name != table.Name)
                    Visit(fk.PrincipalTable);
            }
            ordered.Add(table);
        }
        foreach (var table in target.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Visit(table);
        }

        return ordered
            .Where(t => t.Name != skip)
            .Select(t =>
                Describe(
                    t,
                    sourceTables.TryGetValue(t.Name, out var s)
                        ? s
                        : throw new InvalidOperationException(
                            $"Table {t.Name} is in the PostgreSQL model but not the SQLite one."
                        )
                )
            )
            .ToList();
    }

    private static CopyTable Describe(ITable target, ITable source)
    {
        var columns = new List<CopyColumn>();
        foreach (var column in target.Columns.Where(c => c.ComputedColumnSql is null))
        {
            var from =
                source.FindColumn(column.Name)
                ?? throw new InvalidOperationException(
                    $"Column {target.Name}.{column.Name} is missing from the SQLite model."
                );
            columns.Add(Describe(from, column));
        }
        var keyNames = target.PrimaryKey?.Columns.Select(c => c.Name).ToList() ?? columns.Select(c => c.Name).ToList();
        return new CopyTable(target.Name, columns, keyNames.Select(n => columns.Single(c => c.Name == n)).ToList());
    }

    private static CopyColumn Describe(IColumn source, IColumn target)
    {
        var (sourceMapping, targetMapping) = (
            source.PropertyMappings[0].TypeMapping,
            target.PropertyMappings[0].TypeMapping
        );
        var (sourceType, targetType) = (ProviderType(sourceMapping), ProviderType(targetMapping));
        var (sourceConverter, targetConverter) = (sourceMapping.Converter, targetMapping.Converter);
        var alike = sourceType == targetType && sourceConverter?.GetType() == targetConverter?.GetType();
        Func<object, object?> same = static v => v;
        return new CopyColumn(
            target.Name,
            // COPY names the type without its modifiers: "character varying", not "character varying(100)".
            WithoutModifiers(target.StoreType),
            sourceType == typeof(string),
            targetType == typeof(long) || targetType == typeof(int) || targetType == typeof(short),
            Reader(sourceType),
            Reader(targetType),
            alike ? same : v => ToProvider(targetConverter, FromProvider(sourceConverter, v)),
            alike ? same : v => FromProvider(sourceConverter, v),
            alike ? same : v => FromProvider(targetConverter, v)
        );
    }

    private static string WithoutModifiers(string storeType)
    {
        var open = storeType.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? storeType : (storeType[..open] + storeType[(storeType.IndexOf(')', open) + 1)..]).Trim();
    }

    private static Type ProviderType(RelationalTypeMapping mapping)
    {
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static object? FromProvider(ValueConverter? converter, object? value) =>
        converter is null || value is null ? value : converter.ConvertFromProvider(value);

    private static object? ToProvider(ValueConverter? converter, object? value) =>
        converter is null || value is null ? value : converter.ConvertToProvider(value);

    private static readonly MethodInfo ReadOf = typeof(CopyTable).GetMethod(
        nameof(Read),
        BindingFlags.NonPublic | BindingFlags.Static
    )!;

    private static Func<DbDataReader, int, object?> Reader(Type type) =>
        ReadOf.MakeGenericMethod(type).CreateDelegate<Func<DbDataReader, int, object?>>();

    // Each provider parses its own stored form (SQLite's date text, Npgsql's arrays) into the CLR type.
    private static object? Read<T>(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}

/// <summary>
/// SHA-256 over a table's rows in key order, each value written in one canonical text form, so
/// the same rows give the same checksum whichever provider they were read from.
/// </summary>
internal sealed class RowChecksum : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _row = new();

    public long Rows { get; private set; }

    public void AddRow(IEnumerable<object?> values)
    {
        _row.Clear();
        foreach (var value in values)
        {
            Append(value);
        }
        _hash.AppendData(Encoding.UTF8.GetBytes(_row.Append('\n').ToString()));
        Rows++;
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();

    private void Append(object? value)
    {
        var text = value switch
        {
            null => "N",
            string s => "S" + s.Length.ToString(CultureInfo.InvariantCulture) + ":" + s,
            bool b => b ? "B1" : "B0",
            double d => "D" + d.ToString("R", CultureInfo.InvariantCulture),
            float f => "D" + ((double)f).ToString("R", CultureInfo.InvariantCulture),
            DateOnly d => "d" + d.ToString("O", CultureInfo.InvariantCulture),
            TimeOnly t => "t" + t.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset o => "o" + o.UtcTicks.ToString(CultureInfo.InvariantCulture),
            DateTime t => "T" + t.Ticks.ToString(CultureInfo.InvariantCulture),
            Guid g => "G" + g.ToString("D"),
            byte[] bytes => "X" + Convert.ToHexString(bytes),
            Enum e => "E" + e,
            IConvertible c when value is long or int or short or byte or decimal => "I"
                + c.ToString(CultureInfo.InvariantCulture),
            IEnumerable list => null,
            _ => "?" + Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        if (text is null)
        {
            // A list (a string[] from Npgsql, a List<string> from the model): its items in order.
            _row.Append('L');
            foreach (var item in (IEnumerable)value!)
            {
                Append(item);
            }
            _row.Append(']');
            return;
        }
        _row.Append(text).Append('\u001f');
    }
}
