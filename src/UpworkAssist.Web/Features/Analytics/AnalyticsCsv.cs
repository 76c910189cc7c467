using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>
/// Every analytics table as CSV, with the same numbers the page shows (rates as fractions, intervals as low/high).
/// </summary>
public static class AnalyticsCsv
{
    public static readonly IReadOnlySet<string> Tables = new HashSet<string>(StringComparer.Ordinal)
    {
        "summary",
        "trends",
        "lanes",
        "people",
        "templates",
        "tiers",
        "weeks",
        "post-age",
        "applicants",
        "lane-quality",
        "edit-distance",
    };

    private static readonly string[] FunnelColumns =
    [
        "sent",
        "replied",
        "reply_rate",
        "reply_low",
        "reply_high",
        "shortlisted",
        "shortlist_rate",
        "shortlist_low",
        "shortlist_high",
        "won",
        "win_rate",
        "win_low",
        "win_high",
        "revenue",
        "revenue_per_proposal",
        "connects",
        "connects_per_win",
        "median_hours_to_reply",
        "median_minutes_to_send",
        "median_applicants",
    ];

    public static CsvTable Write(string table, Report report) =>
        table switch
        {
            "summary" => Funnels([new Breakdown("all", "all", report.Summary)]),
            "trends" => Trends(report.Trends),
            "lanes" => Funnels(report.Lanes),
            "people" => Funnels(report.People),
            "templates" => Funnels(report.Templates),
            "tiers" => Funnels(report.BudgetTiers),
            "weeks" => Funnels(report.Weeks),
            "post-age" => Funnels(report.PostAges),
            "applicants" => Funnels(report.Applicants),
            "lane-quality" => LaneQuality(report.LaneQuality),
            "edit-distance" => EditDistance(report.EditDistance),
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown table."),
        };

    private static object?[] Cells(Funnel f) =>
        [
            f.Sent,
            f.Replied,
            f.Reply.Value,
            f.Reply.Low,
            f.Reply.High,
            f.Shortlisted,
            f.Shortlist.Value,
            f.Shortlist.Low,
            f.Shortlist.High,
            f.Won,
            f.Win.Value,
            f.Win.Low,
            f.Win.High,
            f.Revenue,
            f.RevenuePerProposal,
            f.Connects,
            f.ConnectsPerWin,
            f.MedianHoursToReply,
            f.MedianMinutesToSend,
            f.MedianApplicants,
        ];

    private static CsvTable Funnels(IEnumerable<Breakdown> rows)
    {
        var csv = new CsvTable(["group", .. FunnelColumns]);
        foreach (var r in rows)
        {
            csv.Add([r.Label, .. Cells(r.Funnel)]);
        }
        return csv;
    }

    private static CsvTable Trends(IEnumerable<Trend> trends)
    {
        var csv = new CsvTable(
            "days",
            "period",
            "sent",
            "reply_rate",
            "reply_low",
            "reply_high",
            "shortlist_rate",
            "shortlist_low",
            "shortlist_high",
            "win_rate",
            "win_low",
            "win_high"
        );
        foreach (var t in trends)
        {
            foreach (var (period, f) in new[] { ("last", t.Current), ("previous", t.Previous) })
            {
                csv.Add(
                    t.Days,
                    period,
                    f.Sent,
                    f.Reply.Value,
                    f.Reply.Low,
                    f.Reply.High,
                    f.Shortlist.Value,
                    f.Shortlist.Low,
                    f.Shortlist.High,
                    f.Win.Value,
                    f.Win.Low,
                    f.Win.High
                );
            }
        }
        return csv;
    }

    private static CsvTable LaneQuality(IEnumerable<LaneQuality> rows)
    {
        var csv = new CsvTable(
            "lane_id",
            "lane",
            "matches",
            "kept",
            "dismissed",
            "precision",
            "precision_low",
            "precision_high",
            "proposals",
            "reply_rate",
            "win_rate"
        );
        foreach (var q in rows)
        {
            csv.Add(
                q.LaneId,
                q.Lane,
                q.Matches,
                q.Kept,
                q.Dismissed,
                q.Precision.Value,
                q.Precision.Low,
                q.Precision.High,
                q.Proposals.Sent,
                q.Proposals.Reply.Value,
                q.Proposals.Win.Value
            );
        }
        return csv;
    }

    private static CsvTable EditDistance(IEnumerable<EditDistanceRow> rows)
    {
        var csv = new CsvTable("template", "edit", "sent", "replied", "reply_rate", "reply_low", "reply_high");
        foreach (var r in rows)
        {
            csv.Add(
                r.Template,
                r.Band,
                r.Funnel.Sent,
                r.Funnel.Replied,
                r.Funnel.Reply.Value,
                r.Funnel.Reply.Low,
                r.Funnel.Reply.High
            );
        }
        return csv;
    }
}
