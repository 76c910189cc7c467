using System.Globalization;
using System.Text.Json;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// Maps one `marketplaceJobPostingsSearch` node to a <see cref="Posting"/> (UPWORK_API.md "Mapping a
/// node to a Job"). Any field may be null. A node is refused only when it has no usable ciphertext
/// or publish time, or a value of the wrong kind (text where a number belongs, a negative amount).
///
/// Type rule: hourly when hourlyBudgetMin or hourlyBudgetMax is above 0; else hourly when
/// `amount` is absent or 0 and an hourly budget field is present; else fixed.
///
/// Repairs (docs/feed.md): text holding a lone UTF-16 surrogate (valid JSON, `"\ud800"`, but no
/// valid string) or NUL gets U+FFFD in its place, also when the NUL or surrogate comes from an
/// HTML entity (`&amp;#0;`); a description is cut at <see cref="MaxDescriptionLength"/>. Such a node is
/// stored and counted as repaired. Cuts never split a surrogate pair. Money above
/// <see cref="MaxMoney"/> is refused: stored as a double it would not read back as a decimal.
/// </summary>
public static class PostingMapper
{
    public const string JobUrlPrefix = "https://www.upwork.com/jobs/";
    public const int MaxDescriptionLength = 100_000;

    /// <summary>More than any budget or client spend; far below where a double stops carrying cents.</summary>
    public const decimal MaxMoney = 1_000_000_000_000m;

    public sealed class BadNodeException(string message) : Exception(message);

    /// <summary>Never throws: a node that cannot be mapped for any reason is refused with the reason.</summary>
    public static bool TryMap(
        JsonElement node,
        FeedSource source,
        DateTimeOffset now,
        out Posting posting,
        out string problem
    ) => TryMap(node, source, now, out posting, out problem, out _);

    public static bool TryMap(
        JsonElement node,
        FeedSource source,
        DateTimeOffset now,
        out Posting posting,
        out string problem,
        out bool repaired
    )
    {
        var reader = new NodeText();
        try
        {
            posting = Map(node, source, now, reader);
            problem = "";
            repaired = reader.Repaired;
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            posting = null!;
            // The reason is logged, and may quote the node's own (invalid) text.
            problem = Utf16.Repair(ex is BadNodeException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}");
            repaired = false;
            return false;
        }
    }

    public static Posting Map(JsonElement node, FeedSource source, DateTimeOffset now) =>
        Map(node, source, now, new NodeText());

    private static Posting Map(JsonElement node, FeedSource source, DateTimeOffset now, NodeText t)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw new BadNodeException($"node is {node.ValueKind}, not an object");
        }
        var ciphertext = t.Text(node, "ciphertext"u8)?.Trim();
        if (string.IsNullOrEmpty(ciphertext) || ciphertext.Length > 64 || ciphertext.Any(char.IsWhiteSpace))
        {
            throw new BadNodeException("no usable ciphertext");
        }
        var published =
            t.Date(node, "publishedDateTime"u8)
            ?? t.Date(node, "createdDateTime"u8)
            ?? throw new BadNodeException($"{ciphertext}: no publishedDateTime or createdDateTime");

        var fixedBudget = Money(node, "amount"u8);
        var hourlyMin = Money(node, "hourlyBudgetMin"u8);
        var hourlyMax = Money(node, "hourlyBudgetMax"u8);
        var hasHourlyField = Present(node, "hourlyBudgetMin"u8) || Present(node, "hourlyBudgetMax"u8);
        var hourly = hourlyMin > 0 || hourlyMax > 0 || ((fixedBudget is null or 0) && hasHourlyField);

        var client = Object(node, "client"u8);
        var title = t.Plain(t.Text(node, "title"u8));
        return new Posting
        {
            Id = ciphertext,
            MarketplaceId = Clip(t.Text(node, "id"u8), 64),
            Url = JobUrlPrefix + Uri.EscapeDataString(ciphertext),
            Title = Clip(title, 500) ?? "",
            Description = t.Clip(t.Plain(t.Text(node, "description"u8)), MaxDescriptionLength),
            PublishedAt = published,
            Type = hourly ? PostingType.Hourly : PostingType.Fixed,
            FixedBudget = fixedBudget,
            HourlyMin = hourlyMin,
            HourlyMax = hourlyMax,
            ExperienceLevel = t.Text(node, "experienceLevel"u8) switch
            {
                "ENTRY_LEVEL" => "entry",
                "INTERMEDIATE" => "intermediate",
                "EXPERT" => "expert",
                _ => null,
            },
            Skills = Skills(node, t),
            Category = Clip(Category(node, t), 200),
            TotalApplicants = Int(node, "totalApplicants"u8),
            Client = client is { } c
                ? new ClientFacts(
                    Clip(Object(c, "location"u8) is { } loc ? t.Text(loc, "country"u8) : null, 100),
                    t.Text(c, "verificationStatus"u8) is { } v ? v == "VERIFIED" : null,
                    Money(c, "totalSpent"u8),
                    Int(c, "totalHires"u8),
                    Number(c, "totalFeedback"u8) is { } r and >= 0 and <= 5 ? (double)r : null,
                    Int(c, "totalReviews"u8)
                )
                : new ClientFacts(null, null, null, null, null, null),
            RenewedAt = t.Date(node, "renewedDateTime"u8),
            FreelancersToHire = Number(node, "freelancersToHire"u8) is { } hire and >= 0 and <= 10_000
                ? (int)hire
                : null,
            Enterprise = Flag(node, "enterprise"u8),
            Applied = Flag(node, "applied"u8),
            ClientMemberSince = client is { } m ? t.Date(m, "memberSinceDateTime"u8) : null,
            ClientHasFinancialPrivacy = client is { } f ? Flag(f, "hasFinancialPrivacy"u8) : null,
            Source = source,
            FetchedAt = now,
            UpdatedAt = now,
        };
    }

    // Field names are UTF-8 literals, as the document holds them: no transcoding per lookup.
    private static string Name(ReadOnlySpan<byte> name) => System.Text.Encoding.UTF8.GetString(name);

    private static bool Present(JsonElement o, ReadOnlySpan<byte> name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    private static JsonElement? Object(JsonElement o, ReadOnlySpan<byte> name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    public static DateTimeOffset? ParseDate(string? text) =>
        text is { } s
        && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.ToUniversalTime()
            : null;

    /// <summary>
    /// Money's rawValue is a string ("1.23") in the schema and sometimes a number: both are accepted.
    /// </summary>
    private static decimal? Money(JsonElement o, ReadOnlySpan<byte> name)
    {
        if (Object(o, name) is not { } money)
        {
            return null;
        }
        var value = Number(money, "rawValue"u8);
        if (value < 0)
        {
            throw new BadNodeException($"{Name(name)} is negative");
        }
        if (value > MaxMoney)
        {
            throw new BadNodeException($"{Name(name)} is out of range");
        }
        return value;
    }

    private static decimal? Number(JsonElement o, ReadOnlySpan<byte> name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d))
        {
            return d;
        }
        if (v.ValueKind == JsonValueKind.String)
        {
            var s = v.GetString()!.Trim();
            if (s.Length == 0)
            {
                return null;
            }
            if (decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out d))
            {
                return d;
            }
        }
        throw new BadNodeException($"{Name(name)} is not a number: {Clip(v.GetRawText(), 40)}");
    }

    private static int? Int(JsonElement o, ReadOnlySpan<byte> name) =>
        Number(o, name) is { } d
            ? d is >= 0 and <= int.MaxValue
                ? (int)d
                : throw new BadNodeException($"{Name(name)} is out of range")
            : null;

    private static List<string> Skills(JsonElement node, NodeText t)
    {
        if (!node.TryGetProperty("skills"u8, out var skills) || skills.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var names = new List<string>();
        foreach (var skill in skills.EnumerateArray())
        {
            if (
                skill.ValueKind == JsonValueKind.Object
                && (t.Text(skill, "prettyName"u8) ?? t.Text(skill, "name"u8)) is { Length: > 0 } n
                && !names.Contains(n.Trim(), StringComparer.Ordinal)
            )
            {
                names.Add(n.Trim());
            }
        }
        return names;
    }

    // `occupations` is an object in the schema; an array is read as its first entry.
    private static string? Category(JsonElement node, NodeText t)
    {
        if (!node.TryGetProperty("occupations"u8, out var occ))
        {
            return null;
        }
        if (occ.ValueKind == JsonValueKind.Array)
        {
            occ = occ.EnumerateArray().FirstOrDefault();
        }
        return occ.ValueKind == JsonValueKind.Object && Object(occ, "category"u8) is { } cat
            ? t.Text(cat, "prefLabel"u8)
            : null;
    }

    private static string? Clip(string? s, int max) => s is { } v && v.Length > max ? Cut(v, max) : s;

    // Never cut a surrogate pair in half.
    private static string Cut(string s, int max) => char.IsHighSurrogate(s[max - 1]) ? s[..(max - 1)] : s[..max];

    // The facts beside the job are only shown: a value of the wrong kind is dropped, not a reason to refuse the node.
    private static bool? Flag(JsonElement o, ReadOnlySpan<byte> name) =>
        o.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            }
            : null;

    /// <summary>Reads text fields and remembers whether any needed a repair.</summary>
    private sealed class NodeText
    {
        public bool Repaired { get; private set; }

        public string? Text(JsonElement o, ReadOnlySpan<byte> name)
        {
            if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            return v.ValueKind switch
            {
                JsonValueKind.String => Valid(v),
                JsonValueKind.Number => v.GetRawText(),
                _ => throw new BadNodeException($"{Name(name)} is {v.ValueKind}, not text"),
            };
        }

        public DateTimeOffset? Date(JsonElement o, ReadOnlySpan<byte> name)
        {
            // Some schema versions wrap date-times as {rawValue}.
            if (o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object)
            {
                return v.TryGetProperty("rawValue"u8, out var raw) && raw.ValueKind == JsonValueKind.String
                    ? ParseDate(Valid(raw))
                    : null;
            }
            return ParseDate(Text(o, name));
        }

        public string Clip(string s, int max)
        {
            if (s.Length <= max)
            {
                return s;
            }
            Repaired = true;
            return Cut(s, max);
        }

        /// <summary>
        /// HTML to plain text; decoding may make a NUL or a lone surrogate (`&amp;#0;`), repaired like raw text.
        /// </summary>
        public string Plain(string? html)
        {
            var text = HtmlText.ToPlainText(html);
            var repaired = Utf16.Repair(text);
            Repaired |= !ReferenceEquals(repaired, text);
            return repaired;
        }

        private string Valid(JsonElement v)
        {
            string s;
            try
            {
                s = v.GetString()!;
            }
            catch (InvalidOperationException)
            {
                // A lone surrogate escape cannot be transcoded: decode the escapes ourselves.
                Repaired = true;
                return Utf16.Repair(JsonStrings.Unescape(v.GetRawText()));
            }
            var repaired = Utf16.Repair(s);
            if (!ReferenceEquals(repaired, s))
            {
                Repaired = true;
            }
            return repaired;
        }
    }
}
