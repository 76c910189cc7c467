using UpworkAssist.Web.Features.Routing.Slack;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// The words of an alert that every chat channel shows, as plain text: each channel's builder
/// escapes them for its destination (Telegram HTML, Discord markdown, Adaptive Card JSON).
/// </summary>
public static class ChatMessages
{
    public const string TestLine = "Test message from UpworkAssist. This route works.";

    /// <summary>
    /// The line above the postings: the test notice or the catch-up headline; null for a plain alert.
    /// </summary>
    public static string? Intro(Delivery d) =>
        d.IsTest ? TestLine
        : d.CatchUpTotal is not null ? d.CatchUpHeadline + "."
        : d.IsDigest ? $"UpworkAssist digest: {d.Items.Count} new {(d.Items.Count == 1 ? "match" : "matches")}."
        : null;

    public static string Why(LaneHit lane) =>
        lane.Keywords.Count > 0
            ? $"{lane.LaneName}: every rule passes; keywords found: {string.Join(", ", lane.Keywords)}"
            : $"{lane.LaneName}: every rule passes";

    public static string Facts(DeliveryItem item, DateTimeOffset now)
    {
        var p = item.Posting;
        var client = SlackMessageBuilder.ClientLine(p.Client);
        return $"Client: {(client.Length == 0 ? "unknown" : client)} · Applicants: "
            + $"{p.TotalApplicants?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} · "
            + $"Posted {SlackMessageBuilder.Age(now - p.PublishedAt)}";
    }

    public static string AppLink(Delivery d, DeliveryItem item) => QueueLinks.ForPosting(d.PublicUrl, item.Posting.Id);

    /// <summary>Postings one chat message lists; the rest are counted in a closing line.</summary>
    public static (IReadOnlyList<DeliveryItem> Shown, int More) Take(Delivery d, int max) =>
        (d.Items.Take(max).ToList(), Math.Max(0, d.Items.Count - max));
}
