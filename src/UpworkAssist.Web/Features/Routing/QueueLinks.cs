using System.Globalization;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>Links from a message back into the app (the queue's query keys are in docs/queue.md).</summary>
public static class QueueLinks
{
    public static string ForPosting(string publicUrl, string postingId) =>
        $"{publicUrl.TrimEnd('/')}/Queue/Job/{Uri.EscapeDataString(postingId)}";

    /// <summary>The queue showing just these matches, whatever their status.</summary>
    public static string ForMatches(string publicUrl, IEnumerable<long> matchIds) =>
        $"{publicUrl.TrimEnd('/')}/Queue?status=All&matches="
        + string.Join(",", matchIds.Distinct().Order().Select(i => i.ToString(CultureInfo.InvariantCulture)));
}
