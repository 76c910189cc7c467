using System.Text.Json;

namespace UpworkAssist.Core.Json;

/// <summary>
/// Typed reads of one JSON value at a time. On a wrong type each logs "expected ..." under the
/// field's path, skips the value and returns null, so reading goes on and every error is seen.
/// </summary>
internal static class JsonValue
{
    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Skips the value of a property this schema does not know (RULES.md: ignored).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Checks that the current token starts an object; otherwise logs, skips it and returns false.</summary>
    public static bool IsObject(ref Utf8JsonReader reader, ErrorLog log, string field)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        Mistyped(ref reader, log, field, "an object");
        return false;
    }

    public static string? String(ref Utf8JsonReader reader, ErrorLog log, string field, bool nullable = false)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null when nullable => null,
            _ => MistypedString(ref reader, log, field),
        };
    }

    public static decimal? Number(ref Utf8JsonReader reader, ErrorLog log, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out decimal value))
        {
            return value;
        }

        return reader.TokenType == JsonTokenType.Null ? null : Mistyped<decimal>(ref reader, log, field, "a number");
    }

    public static int? Integer(ref Utf8JsonReader reader, ErrorLog log, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value))
        {
            return value;
        }

        return reader.TokenType == JsonTokenType.Null ? null : Mistyped<int>(ref reader, log, field, "an integer");
    }

    public static bool? Boolean(ref Utf8JsonReader reader, ErrorLog log, string field, bool nullable = false)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null when nullable => null,
            _ => Mistyped<bool>(ref reader, log, field, "a boolean"),
        };
    }

    /// <summary>
    /// An ISO-8601 date-time that states its offset ("Z" or "+hh:mm"), so no local time zone is ever assumed.
    /// </summary>
    public static DateTimeOffset? DateTime(ref Utf8JsonReader reader, ErrorLog log, string field)
    {
        reader.Read();
        if (
            reader.TokenType == JsonTokenType.String
            && HasOffset(
                reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan
            )
            && reader.TryGetDateTimeOffset(out DateTimeOffset value)
        )
        {
            return value;
        }

        return Mistyped<DateTimeOffset>(ref reader, log, field, "an ISO-8601 date-time with offset");
    }

    /// <summary>An enum written as one of <paramref name="names"/>, where names[i] is the value i.</summary>
    public static T? Enum<T>(
        ref Utf8JsonReader reader,
        ErrorLog log,
        string field,
        string[] names,
        bool nullable = false
    )
        where T : struct, Enum
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => EnumValue<T>(ref reader, log, field, names),
            JsonTokenType.Null when nullable => null,
            _ => Mistyped<T>(ref reader, log, field, "a string"),
        };
    }

    public static List<string>? Strings(ref Utf8JsonReader reader, ErrorLog log, string field)
    {
        if (!StartArray(ref reader, log, field))
        {
            return null;
        }

        var values = new List<string>();
        bool valid = true;
        for (int i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                values.Add(reader.GetString()!);
                continue;
            }

            valid = false;
            Mistyped(ref reader, log, $"{field}[{i}]", "a string");
        }

        return valid ? values : null;
    }

    public static List<T>? Enums<T>(ref Utf8JsonReader reader, ErrorLog log, string field, string[] names)
        where T : struct, Enum
    {
        if (!StartArray(ref reader, log, field))
        {
            return null;
        }

        var values = new List<T>();
        bool valid = true;
        for (int i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            T? value =
                reader.TokenType == JsonTokenType.String
                    ? EnumValue<T>(ref reader, log, $"{field}[{i}]", names)
                    : Mistyped<T>(ref reader, log, $"{field}[{i}]", "a string");
            if (value is T known)
            {
                values.Add(known);
            }
            else
            {
                valid = false;
            }
        }

        return valid ? values : null;
    }

    private static bool StartArray(ref Utf8JsonReader reader, ErrorLog log, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return true;
        }

        Mistyped(ref reader, log, field, "an array");
        return false;
    }

    private static T? EnumValue<T>(ref Utf8JsonReader reader, ErrorLog log, string field, string[] names)
        where T : struct, Enum
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i]))
            {
                return (T)(object)i;
            }
        }

        log.Add(
            field,
            $"unknown value \"{reader.GetString()}\" (expected "
                + $"{string.Join(", ", names.Select(static name => $"\"{name}\""))})"
        );
        return null;
    }

    private static bool HasOffset(ReadOnlySpan<byte> text)
    {
        if (text.Length > 0 && (text[^1] == (byte)'Z' || text[^1] == (byte)'z'))
        {
            return true;
        }

        int sign = text.Length - 6;
        return sign > 10 && (text[sign] == (byte)'+' || text[sign] == (byte)'-') && text[sign + 3] == (byte)':';
    }

    private static T? Mistyped<T>(ref Utf8JsonReader reader, ErrorLog log, string field, string expected)
        where T : struct
    {
        Mistyped(ref reader, log, field, expected);
        return null;
    }

    private static string? MistypedString(ref Utf8JsonReader reader, ErrorLog log, string field)
    {
        Mistyped(ref reader, log, field, "a string");
        return null;
    }

    private static void Mistyped(ref Utf8JsonReader reader, ErrorLog log, string field, string expected)
    {
        log.Add(field, $"expected {expected}");
        reader.Skip();
    }
}
