using System.Globalization;
using System.Text.Json;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>One node of `vendorProposals`, read leniently: every field may be missing (UPWORK_API.md).</summary>
public sealed record SyncedProposal(
    string Id,
    string? JobId,
    string Status,
    string? ReasonId,
    string? Reason,
    bool Viewed,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ModifiedAt,
    string? UserId,
    string? UserName,
    string? OrganizationId,
    string? OrganizationName,
    decimal? ChargeRate,
    string? ChargeCurrency
);

/// <summary>One page of `vendorProposals`.</summary>
public sealed record VendorProposalPage(IReadOnlyList<SyncedProposal> Proposals, bool HasNextPage, string? EndCursor);

/// <summary>
/// The read-only `vendorProposals` query and the reading of its reply. The job's title is not
/// asked for: the sync keeps no marketplace content, so it does not fetch any.
/// </summary>
public static class VendorProposals
{
    /// <summary>`status_eq` takes one status per call, so a sync asks once for each of these.</summary>
    public static readonly IReadOnlyList<string> Statuses =
    [
        "Pending",
        "Activated",
        "Offered",
        "Accepted",
        "Hired",
        "Declined",
        "Withdrawn",
        "Archived",
    ];

    public const string Query = """
        query vendorProposals($filter: VendorProposalFilter!, $sortAttribute: VendorProposalSortAttribute!,
                              $pagination: Pagination!) {
          vendorProposals(filter: $filter, sortAttribute: $sortAttribute, pagination: $pagination) {
            totalCount
            edges { cursor node {
              id viewedByClient
              status { status reason { id reason description } }
              auditDetails { createdDateTime modifiedDateTime }
              marketplaceJobPosting { id }
              user { id name } organization { id name }
              terms { chargeRate { rawValue currency displayValue } }
            } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public static object Variables(string status, string after, int first) =>
        new
        {
            filter = new { status_eq = status },
            sortAttribute = new { field = "CREATEDDATETIME", sortOrder = "DESC" },
            pagination = new { after, first },
        };

    /// <summary>Reads a page from a reply's `data`; null when the edges or pageInfo are missing.</summary>
    public static VendorProposalPage? ReadPage(JsonElement data, string askedStatus)
    {
        if (
            Child(data, "vendorProposals") is not { } list
            || Child(list, "edges") is not { ValueKind: JsonValueKind.Array } edges
            || Child(list, "pageInfo") is not { } info
        )
        {
            return null;
        }
        var proposals = new List<SyncedProposal>();
        foreach (var edge in edges.EnumerateArray())
        {
            var node = Child(edge, "node") ?? edge;
            if (Read(node, askedStatus) is { } p)
            {
                proposals.Add(p);
            }
        }
        var hasNext = Child(info, "hasNextPage") is { ValueKind: JsonValueKind.True };
        return new VendorProposalPage(proposals, hasNext, Text(Child(info, "endCursor")));
    }

    /// <summary>One node; null without an id, the one field a record cannot do without.</summary>
    public static SyncedProposal? Read(JsonElement node, string askedStatus)
    {
        if (Text(Child(node, "id")) is not { Length: > 0 } id)
        {
            return null;
        }
        var status = Child(node, "status");
        var reason = Child(status, "reason");
        var audit = Child(node, "auditDetails");
        var rate = Child(Child(node, "terms"), "chargeRate");
        return new SyncedProposal(
            Clip(id, 64)!,
            Clip(Text(Child(Child(node, "marketplaceJobPosting"), "id")), 64),
            // The filter already says which status this is; the node's own wins when present.
            Clip(Text(Child(status, "status")) ?? askedStatus, 20)!,
            Clip(Text(Child(reason, "id")), 64),
            Clip(Text(Child(reason, "reason")) ?? Text(Child(reason, "description")), 300),
            Child(node, "viewedByClient") is { ValueKind: JsonValueKind.True }
                || Text(Child(node, "viewedByClient")) is "true" or "True",
            Instant(Child(audit, "createdDateTime")),
            Instant(Child(audit, "modifiedDateTime")),
            Clip(Text(Child(Child(node, "user"), "id")), 64),
            Clip(Text(Child(Child(node, "user"), "name")), 200),
            Clip(Text(Child(Child(node, "organization"), "id")), 64),
            Clip(Text(Child(Child(node, "organization"), "name")), 200),
            Money(Child(rate, "rawValue")),
            Clip(Text(Child(rate, "currency")), 8)
        );
    }

    /// <summary>
    /// An ISO date-time as a string, or wrapped as `{rawValue}` by some schema versions; epoch milliseconds too.
    /// </summary>
    public static DateTimeOffset? Instant(JsonElement? value)
    {
        if (value is { ValueKind: JsonValueKind.Object } wrapped)
        {
            return Instant(Child(wrapped, "rawValue"));
        }
        if (value is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var ms))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
        var text = Text(value);
        if (text is null)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var msText))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(msText);
        }
        return DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var at
        )
            ? at.ToUniversalTime()
            : null;
    }

    private static decimal? Money(JsonElement? value) =>
        value switch
        {
            { ValueKind: JsonValueKind.Number } n when n.TryGetDecimal(out var d) => d,
            { ValueKind: JsonValueKind.String } s
                when decimal.TryParse(s.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };

    private static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } o
        && o.TryGetProperty(name, out var v)
        && v.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined
            ? v
            : null;

    private static string? Text(JsonElement? value) =>
        value switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString() is { Length: > 0 } t ? t.Trim() : null,
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            _ => null,
        };

    private static string? Clip(string? text, int max) =>
        text is null ? null
        : text.Length > max ? text[..max]
        : text;
}
