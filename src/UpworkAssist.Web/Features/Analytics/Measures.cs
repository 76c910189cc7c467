using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>What a proposal adds to a funnel, worked out once per proposal (NaN where a value is unknown).</summary>
public readonly record struct Measures(
    bool Replied,
    bool Shortlisted,
    bool Won,
    decimal Revenue,
    int Connects,
    double HoursToReply,
    double MinutesToSend,
    double Applicants
)
{
    /// <summary>
    /// Whether it earned anything: a flag, because comparing a decimal costs a call and most proposals earn nothing.
    /// </summary>
    public bool Earned { get; } = Revenue != 0;

    public static Measures Of(ProposalFact f) =>
        new(
            f.RepliedAt is not null,
            f.InterviewAt is not null,
            f.HiredAt is not null,
            f.RevenueEarned ?? 0,
            f.ConnectsSpent ?? 0,
            f.RepliedAt is { } r ? (r - f.SentAt).TotalHours : double.NaN,
            f.PostingPublishedAt is { } published ? (f.SentAt - published).TotalMinutes : double.NaN,
            f.ApplicantsAtSend ?? double.NaN
        );
}
