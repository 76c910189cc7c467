using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace UpworkAssist.Web.Features.Api;

/// <summary>The JSON API's page shape: `{"items": [...], "next": "cursor or null"}`.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// `?after=&lt;cursor&gt;&amp;limit=&lt;n≤500&gt;` keyset paging over a numeric or string key, opaque to clients.
/// </summary>
public readonly record struct PageRequest(string? After, int Limit)
{
    public const int MaxLimit = 500;
    public const int DefaultLimit = 100;
    public const string BadCursor = "after is not a cursor this API issued.";

    /// <summary>The one answer every list endpoint gives to a bad `after` or `limit`.</summary>
    public static IResult Invalid(string? error = BadCursor) =>
        Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);

    public static bool TryParse(string? after, int? limit, out PageRequest request, out string? error)
    {
        request = default;
        error = null;
        if (limit is < 1 or > MaxLimit)
        {
            error = $"limit must be between 1 and {MaxLimit}.";
            return false;
        }
        string? key = null;
        if (!string.IsNullOrEmpty(after))
        {
            try
            {
                key = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(after));
            }
            catch (FormatException)
            {
                error = BadCursor;
                return false;
            }
        }
        request = new PageRequest(key, limit ?? DefaultLimit);
        return true;
    }

    public bool TryGetLongKey(out long key) =>
        long.TryParse(After, NumberStyles.Integer, CultureInfo.InvariantCulture, out key);

    public static string Cursor(string key) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(key));

    /// <summary>Builds the page from up to Limit+1 fetched rows: the extra row only says there is more.</summary>
    public Page<TOut> ToPage<TRow, TOut>(IReadOnlyList<TRow> rows, Func<TRow, string> key, Func<TRow, TOut> project)
    {
        var items = rows.Take(Limit).Select(project).ToList();
        var next = rows.Count > Limit ? Cursor(key(rows[Limit - 1])) : null;
        return new Page<TOut>(items, next);
    }
}
