using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>How the queue and the job page say triage states and snooze choices.</summary>
public static class QueueFormat
{
    /// <summary>A snooze or age choice: hours under a day, days from there.</summary>
    public static string Hours(int hours) => hours < 24 ? $"{hours} h" : $"{hours / 24} d";

    public static string StatusBadge(MatchStatus status) =>
        status switch
        {
            MatchStatus.New => "text-bg-primary",
            MatchStatus.Shortlisted => "text-bg-success",
            MatchStatus.Dismissed => "text-bg-secondary",
            MatchStatus.Snoozed => "text-bg-warning",
            _ => "text-bg-info",
        };
}
