using System.Globalization;
using System.Text;

namespace UpworkAssist.Web.Tests.Features.Feed;

/// <summary>
/// Search nodes as JSON text, every field of <c>ApiJobSearch.Query</c> (and the client, money,
/// skill and location sub-fields) given a random value: null, bools, numbers (huge, negative,
/// fractional), strings (lone surrogates escaped as <c>"\ud800"</c>, NUL, 1 MB, emoji pairs,
/// entities and tags), arrays, objects, or missing. Mostly a field gets a value of its own kind
/// (how often varies per node), so that enough nodes map for the properties to say something. Written by hand, because
/// System.Text.Json refuses to write a lone surrogate.
/// </summary>
public sealed class RandomNodes(int seed)
{
    private static readonly string[] Fields =
    [
        "id",
        "ciphertext",
        "title",
        "description",
        "createdDateTime",
        "publishedDateTime",
        "renewedDateTime",
        "experienceLevel",
        "duration",
        "durationLabel",
        "engagement",
        "totalApplicants",
        "freelancersToHire",
        "enterprise",
        "applied",
        "amount",
        "hourlyBudgetMin",
        "hourlyBudgetMax",
        "skills",
        "occupations",
        "client",
    ];

    private static readonly string[] ClientFields =
    [
        "totalHires",
        "totalPostedJobs",
        "totalReviews",
        "totalFeedback",
        "verificationStatus",
        "memberSinceDateTime",
        "hasFinancialPrivacy",
        "totalSpent",
        "location",
    ];

    private static readonly string[] Numbers =
    [
        "0",
        "-0",
        "1",
        "-1",
        "3",
        "42",
        "-7",
        "0.5",
        "-0.01",
        "4.9",
        "5.0000001",
        "1234.5678",
        "2147483647",
        "2147483648",
        "-2147483649",
        "9223372036854775807",
        "1e3",
        "1E-7",
        "1e400",
        "-1e400",
        "1e-400",
        "79228162514264337593543950335",
        "79228162514264337593543950336",
        "-79228162514264337593543950335",
        "0.0000000000000000000000000001",
        "123456789012345678901234567890.123",
        "3.14159265358979323846264338327950288",
    ];

    // Pieces of JSON string text (already escaped where JSON needs it).
    private static readonly string[] Bits =
    [
        "Build",
        " ",
        "a React app",
        "C#",
        "\\ud800",
        "\\udfff",
        "\\ud83d\\ude00",
        "\\ude00\\ud83d",
        "😀",
        "👩‍💻",
        "\\u0000",
        "\\u0001",
        "\\n",
        "\\r\\n",
        "\\t",
        "\\\"",
        "\\\\",
        "\\/",
        "&amp;",
        "&lt;b&gt;",
        "&#0;",
        "&#xD800;",
        "&#x1F600;",
        "&#55357;",
        "&nbsp;",
        "<p>",
        "</p>",
        "<br/>",
        "<li>",
        "<script>x</script>",
        "<",
        ">",
        "\u00A0",
        "é",
        "日本",
        "\u200B",
        "\uFFFD",
        "\uFEFF",
        " 12.5 ",
        "-3",
        "1,000.25",
        "NaN",
        "ENTRY_LEVEL",
        "EXPERT",
        "VERIFIED",
        "~01abc",
        "2026-11-28T09:00:00Z",
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00+14:00",
        "2026-02-30",
    ];

    private readonly Random _r = new(seed);
    private int _serial;
    private double _wild;

    public string Node()
    {
        _serial++;
        // Some nodes are nearly well-formed, some mostly noise: both kinds of bug show up.
        var w = _r.NextDouble();
        _wild = w * w * 0.6;
        var sb = new StringBuilder();
        Object(sb, Fields, OwnKind);
        return sb.ToString();
    }

    private void Object(
        StringBuilder sb,
        IEnumerable<string> fields,
        Action<StringBuilder, string> ownKind,
        int depth = 1
    )
    {
        sb.Append('{');
        var first = true;
        foreach (var field in fields)
        {
            if (_r.Next(20) == 0)
            {
                continue; // missing
            }
            sb.Append(first ? "" : ",").Append('"').Append(field).Append("\":");
            first = false;
            if (_r.NextDouble() >= _wild)
            {
                ownKind(sb, field);
            }
            else
            {
                Any(sb, depth);
            }
        }
        sb.Append('}');
    }

    private void OwnKind(StringBuilder sb, string field)
    {
        switch (field)
        {
            case "ciphertext":
                sb.Append(CultureInfo.InvariantCulture, $"\"~02{seed:x}{_serial:D6}\"");
                break;
            case "id":
                sb.Append(CultureInfo.InvariantCulture, $"\"{_r.NextInt64(0, long.MaxValue)}\"");
                break;
            case "createdDateTime" or "publishedDateTime" or "renewedDateTime":
                Date(sb);
                break;
            case "experienceLevel":
                sb.Append('"').Append(Pick(["ENTRY_LEVEL", "INTERMEDIATE", "EXPERT", "expert", ""])).Append('"');
                break;
            case "totalApplicants" or "freelancersToHire":
                sb.Append(Edgy() ? Pick(["-1", "10001", "2.5", "1e10", "\"7\""]) : Pick(["0", "1", "5", "50"]));
                break;
            case "enterprise" or "applied":
                sb.Append(Pick(["true", "false"]));
                break;
            case "amount" or "hourlyBudgetMin" or "hourlyBudgetMax":
                Money(sb);
                break;
            case "skills":
                Array(sb, () => Object(sb, ["name", "prettyName"], (b, _) => String(b)));
                break;
            case "occupations":
                void Occupation() =>
                    Object(sb, ["category"], (b, _) => Object(b, ["id", "prefLabel"], (c, _) => String(c)));
                if (_r.Next(3) == 0)
                {
                    Array(sb, Occupation);
                }
                else
                {
                    Occupation();
                }
                break;
            case "client":
                Object(sb, ClientFields, ClientKind);
                break;
            default:
                String(sb);
                break;
        }
    }

    private void ClientKind(StringBuilder sb, string field)
    {
        switch (field)
        {
            case "totalHires" or "totalPostedJobs" or "totalReviews":
                sb.Append(Edgy() ? Pick(["-2", "1e10", "2.5"]) : Pick(["0", "3", "120"]));
                break;
            case "totalFeedback":
                sb.Append(Edgy() ? Pick(["-1", "5.5", "\"4.5\"", "1e400"]) : Pick(["4.9", "5", "0"]));
                break;
            case "verificationStatus":
                sb.Append('"').Append(Pick(["VERIFIED", "NOT_VERIFIED", ""])).Append('"');
                break;
            case "memberSinceDateTime":
                Date(sb);
                break;
            case "hasFinancialPrivacy":
                sb.Append(Pick(["true", "false"]));
                break;
            case "totalSpent":
                Money(sb);
                break;
            case "location":
                Object(sb, ["country", "city", "timezone"], (b, _) => String(b));
                break;
            default:
                String(sb);
                break;
        }
    }

    private void Date(StringBuilder sb)
    {
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(_r.Next(0, 60 * 86400));
        var text =
            _r.Next(4) == 0
                ? at.ToOffset(TimeSpan.FromHours(_r.Next(-12, 15))).ToString("O", CultureInfo.InvariantCulture)
                : at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        sb.Append(_r.Next(5) == 0 ? $"{{\"rawValue\":\"{text}\"}}" : $"\"{text}\"");
    }

    private void Money(StringBuilder sb) =>
        Object(
            sb,
            ["rawValue", "currency", "displayValue"],
            (b, f) =>
            {
                if (f == "rawValue")
                {
                    var n = Edgy()
                        ? Pick(Numbers)
                        : (_r.Next(0, 10_000_000) / 100m).ToString(CultureInfo.InvariantCulture);
                    b.Append(_r.Next(2) == 0 ? n : $"\"{n}\"");
                }
                else
                {
                    String(b);
                }
            }
        );

    private void Any(StringBuilder sb, int depth)
    {
        switch (_r.Next(depth < 3 ? 8 : 6))
        {
            case 0:
                sb.Append("null");
                break;
            case 1:
                sb.Append(Pick(["true", "false"]));
                break;
            case 2 or 3:
                sb.Append(Pick(Numbers));
                break;
            case 4 or 5:
                String(sb);
                break;
            case 6:
                Array(sb, () => Any(sb, depth + 1));
                break;
            default:
                Object(
                    sb,
                    Pick([
                        Fields,
                        ClientFields,
                        ["rawValue", "name", "prettyName", "prefLabel", "country", "category"],
                    ]),
                    (b, _) => Any(b, depth + 1),
                    depth + 1
                );
                break;
        }
    }

    private void Array(StringBuilder sb, Action element)
    {
        sb.Append('[');
        for (var i = _r.Next(5); i > 0; i--)
        {
            element();
            sb.Append(i > 1 ? "," : "");
        }
        sb.Append(']');
    }

    private void String(StringBuilder sb)
    {
        sb.Append('"');
        // Now and then a string of a megabyte (a random chunk repeated, so cheap to make), or of a
        // few hundred characters (past the 64, 100, 200 and 500 limits), with emoji pairs between
        // the pieces so that a cut may fall inside a pair.
        var roll = _r.Next(400);
        if (roll == 0)
        {
            var chunk = Pieces(_r.Next(500, 1500));
            sb.Insert(sb.Length, chunk, (1 << 20) / chunk.Length);
        }
        else
        {
            sb.Append(Pieces(roll < 12 ? _r.Next(60, 1100) : _r.Next(12)));
        }
        sb.Append('"');
    }

    private string Pieces(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(Pick(Bits));
            if (count >= 60 && _r.Next(4) != 0)
            {
                text.Append(_r.Next(2) == 0 ? "😀" : "x");
            }
        }
        return text.ToString();
    }

    /// <summary>An own-kind value from the edge of its range now and then.</summary>
    private bool Edgy() => _r.Next(4) == 0;

    private T Pick<T>(T[] from) => from[_r.Next(from.Length)];
}
