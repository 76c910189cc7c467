using System.Globalization;
using System.Text.Json.Nodes;

namespace UpworkAssist.Web.Tests.Features.Feed;

/// <summary>
/// The fake marketplace's `vendorProposals` (UPWORK_API.md "The team's own proposals"): one
/// status per call, newest created first, cursor paging from "0". Nodes are stored as JSON so a
/// test can drop a field or wrap a date-time as `{rawValue}`, as some schema versions do.
/// </summary>
public sealed class FakeVendorProposals
{
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _nodes = [];

    public static JsonObject Node(
        string id,
        string jobId,
        string status,
        DateTimeOffset created,
        string userId = "mp-user-1",
        bool viewed = false,
        DateTimeOffset? modified = null,
        bool wrapDates = false
    )
    {
        JsonNode Date(DateTimeOffset at) =>
            wrapDates
                ? new JsonObject { ["rawValue"] = at.ToString("O", CultureInfo.InvariantCulture) }
                : JsonValue.Create(at.ToString("O", CultureInfo.InvariantCulture));
        return new JsonObject
        {
            ["id"] = id,
            ["viewedByClient"] = viewed,
            ["status"] = new JsonObject
            {
                ["status"] = status,
                ["reason"] =
                    status == "Declined"
                        ? new JsonObject { ["id"] = "7", ["reason"] = "Hired another freelancer" }
                        : null,
            },
            ["auditDetails"] = new JsonObject
            {
                ["createdDateTime"] = Date(created),
                ["modifiedDateTime"] = Date(modified ?? created),
            },
            ["marketplaceJobPosting"] = new JsonObject
            {
                ["id"] = jobId,
                ["content"] = new JsonObject { ["title"] = "Job title " + jobId },
            },
            ["user"] = new JsonObject { ["id"] = userId, ["name"] = "Name of " + userId },
            ["organization"] = new JsonObject { ["id"] = "org-1", ["name"] = "The agency" },
            ["terms"] = new JsonObject
            {
                ["chargeRate"] = new JsonObject
                {
                    ["rawValue"] = "45.00",
                    ["currency"] = "USD",
                    ["displayValue"] = "$45.00",
                },
            },
        };
    }

    public void Add(params JsonObject[] nodes)
    {
        lock (_gate)
        {
            _nodes.AddRange(nodes);
        }
    }

    /// <summary>Changes a proposal's facts as the marketplace would when the client acts.</summary>
    public void Update(string id, Action<JsonObject> change)
    {
        lock (_gate)
        {
            change(_nodes.Single(n => n["id"]!.GetValue<string>() == id));
        }
    }

    public JsonObject Page(string status, string after, int first)
    {
        lock (_gate)
        {
            var matching = _nodes
                .Where(n => (n["status"]?["status"]?.GetValue<string>() ?? "Pending") == status)
                .OrderByDescending(n => n["auditDetails"]?["createdDateTime"]?.ToJsonString())
                .ToList();
            var start = after == "0" ? 0 : int.Parse(after.TrimStart('p'), CultureInfo.InvariantCulture);
            var slice = matching.Skip(start).Take(first).ToList();
            var end = start + slice.Count;
            var edges = new JsonArray(
                slice
                    .Select(
                        (n, i) =>
                            (JsonNode)new JsonObject { ["cursor"] = $"p{start + i + 1}", ["node"] = n.DeepClone() }
                    )
                    .ToArray()
            );
            return new JsonObject
            {
                ["vendorProposals"] = new JsonObject
                {
                    ["totalCount"] = matching.Count,
                    ["edges"] = edges,
                    ["pageInfo"] = new JsonObject
                    {
                        ["hasNextPage"] = end < matching.Count,
                        ["endCursor"] = slice.Count > 0 ? $"p{end}" : null,
                    },
                },
            };
        }
    }
}
