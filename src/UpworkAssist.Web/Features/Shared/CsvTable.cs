using System.Globalization;
using System.Text;

namespace UpworkAssist.Web.Features.Shared;

/// <summary>
/// A table written as RFC 4180 CSV (UTF-8, CRLF, quoted where needed). Text that a spreadsheet
/// would run as a formula is defused with an apostrophe, because postings and notes are other
/// people's text (OWASP "CSV injection"): the cell, and every part of it after a `;` or `,`,
/// since a spreadsheet set to another separator splits the cell there and reads each part alone.
/// </summary>
public sealed class CsvTable(params string[] header)
{
    public const string ContentType = "text/csv; charset=utf-8";

    private readonly StringBuilder _text = new(Line(header.Cast<object?>()));

    public void Add(params object?[] cells) => _text.Append(Line(cells));

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(_text.ToString());

    public override string ToString() => _text.ToString();

    private static string Line(IEnumerable<object?> cells) => string.Join(",", cells.Select(Cell)) + "\r\n";

    /// <summary>One cell, quoted and defused; also used by exports that write their own lines.</summary>
    public static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            double d => d.ToString("0.######", CultureInfo.InvariantCulture),
            decimal d => d.ToString("0.######", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            string s => Defuse(s),
            _ => value.ToString() ?? "",
        };
        return text.AsSpan().IndexOfAny(",;\"\r\n") >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }

    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>
    /// An apostrophe before the text and before every `;`/`,` fragment that starts (after spaces) like a formula.
    /// </summary>
    public static string Defuse(string text)
    {
        var result = new StringBuilder(text.Length + 4);
        var fragmentStart = true;
        foreach (var c in text)
        {
            if (fragmentStart && c != ' ')
            {
                if (FormulaStarts.Contains(c, StringComparison.Ordinal))
                    result.Append('\'');
                fragmentStart = false;
            }
            result.Append(c);
            if (c is ';' or ',')
                fragmentStart = true;
        }
        return result.ToString();
    }
}
