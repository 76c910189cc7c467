using System.Text.Json;

namespace UpworkAssist.Core.Json;

/// <summary>The items read from a JSON array file and every error found (up to the reader's limit).</summary>
public sealed record JsonReadResult<T>(IReadOnlyList<T> Items, IReadOnlyList<ValidationError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>The items, or an <see cref="InvalidInputException"/> carrying the errors.</summary>
    public IReadOnlyList<T> ItemsOrThrow() => IsValid ? Items : throw new InvalidInputException(Errors);
}

/// <summary>
/// Collects errors with paths relative to the array element being read, e.g. "[17].client.totalSpent".
/// </summary>
internal sealed class ErrorLog(int maxErrors)
{
    public List<ValidationError> Errors { get; } = [];

    /// <summary>The array index being read, or -1 outside the array.</summary>
    public int Index { get; set; } = -1;

    public bool IsFull => Errors.Count >= maxErrors;

    public void Add(string field, string message)
    {
        if (!IsFull)
        {
            Errors.Add(new(PathOf(field), message));
        }
    }

    public string PathOf(string field)
    {
        if (Index < 0)
        {
            return field;
        }

        string element = $"[{Index}]";
        return field.Length == 0 ? element : $"{element}.{field}";
    }
}

/// <summary>
/// Reads a top-level JSON array element by element with <see cref="Utf8JsonReader"/>, turning
/// malformed JSON into one <see cref="ValidationError"/> that names the line and the element.
/// </summary>
internal static class JsonArrayReader
{
    public delegate T? ElementReader<T>(ref Utf8JsonReader reader, ErrorLog log);

    public static List<T> Read<T>(ReadOnlySpan<byte> json, string itemsName, ElementReader<T> readElement, ErrorLog log)
        where T : class
    {
        var items = new List<T>();
        ReadEach(json, itemsName, readElement, items.Add, log);
        return items;
    }

    /// <summary>Hands each valid element to <paramref name="onItem"/> as soon as it is read.</summary>
    public static void ReadEach<T>(
        ReadOnlySpan<byte> json,
        string itemsName,
        ElementReader<T> readElement,
        Action<T> onItem,
        ErrorLog log
    )
        where T : class
    {
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        // The reader checks UTF-8 only when a string is decoded, and then throws outside JsonException.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            log.Add("", "the file is not UTF-8 text");
            return;
        }

        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                log.Add("", $"expected a JSON array of {itemsName}");
                return;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                log.Index++;
                if (readElement(ref reader, log) is T item)
                {
                    onItem(item);
                }

                if (log.IsFull)
                {
                    return;
                }
            }

            log.Index = -1;
            // Reading past the array's end makes the reader reject any trailing content.
            reader.Read();
        }
        catch (JsonException error)
        {
            string reason = error.Message;
            int cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = (cut > 0 ? reason[..cut] : reason).Replace(
                " Change the reader options.",
                "",
                StringComparison.Ordinal
            );
            // A broken document makes every other finding in it doubtful: report only this.
            log.Errors.Clear();
            log.Add(
                "",
                $"malformed JSON at line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}: {reason}"
            );
        }
    }
}
