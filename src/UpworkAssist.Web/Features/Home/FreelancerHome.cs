using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Home;

/// <summary>
/// What needs a Freelancer: jobs assigned to them without a draft yet, their drafts by state,
/// proposals whose stage has not moved for <see cref="FollowUpAfter"/> (with what to check on
/// Upwork, by hand) and today's pace.
/// </summary>
public sealed class FreelancerHome(AppDbContext db, PaceGuard pace, TimeProvider clock)
{
    public static readonly TimeSpan FollowUpAfter = TimeSpan.FromDays(5);
    private const int FollowUpsShown = 5;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly ProposalStage[] Open =
    [
        ProposalStage.Sent,
        ProposalStage.Viewed,
        ProposalStage.Replied,
        ProposalStage.Interview,
        ProposalStage.Shortlisted,
    ];

    public async Task<HomeSection> BuildAsync(string me, CancellationToken ct)
    {
        var items = new List<HomeItem>();
        var undrafted = await db
            .Matches.Where(m =>
                m.AssigneeId == me
                && m.Status == MatchStatus.Assigned
                && !db.Drafts.Any(d => d.FreelancerId == me && d.PostingId == m.PostingId)
            )
            .Select(m => m.PostingId)
            .Distinct()
            .ToListAsync(ct);
        items.Add(
            new HomeItem(
                "assigned-undrafted",
                "Jobs assigned to you without a draft",
                undrafted.Count == 1
                    ? "/Drafts/New?postingId=" + Uri.EscapeDataString(undrafted[0])
                    : "/Queue?status=Assigned"
            )
            {
                Value = undrafted.Count.ToString(Inv),
                Attention = undrafted.Count > 0,
            }
        );

        var drafts = await db
            .Drafts.Where(d => d.FreelancerId == me)
            .GroupBy(d => d.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        foreach (var status in Enum.GetValues<DraftStatus>())
        {
            var count = drafts.GetValueOrDefault(status);
            items.Add(
                new HomeItem(
                    "drafts-" + status.ToString().ToLowerInvariant(),
                    $"Your drafts: {status}",
                    "/Drafts?status=" + status
                )
                {
                    Value = count.ToString(Inv),
                    Attention = status == DraftStatus.Approved && count > 0,
                    Detail =
                        status == DraftStatus.Approved && count > 0
                            ? "Approved but not recorded as sent: send it on Upwork, then press “I sent it”."
                            : null,
                }
            );
        }

        var now = clock.GetUtcNow();
        var quiet = now - FollowUpAfter;
        var stale = await db
            .Proposals.AsNoTracking()
            .Where(p => p.FreelancerId == me && Open.Contains(p.Stage))
            .Select(p => new
            {
                p.Id,
                p.PostingTitle,
                p.Stage,
                Moved = db.ProposalStageChanges.Where(c => c.ProposalId == p.Id).Max(c => (DateTimeOffset?)c.At)
                    ?? p.SentAt,
            })
            .Where(p => p.Moved <= quiet)
            .OrderBy(p => p.Moved)
            .Take(FollowUpsShown + 1)
            .ToListAsync(ct);
        foreach (var p in stale.Take(FollowUpsShown))
        {
            items.Add(
                new HomeItem("follow-up", $"Follow up: {p.PostingTitle}", "/Pipeline/Edit?id=" + p.Id.ToString(Inv))
                {
                    Value = $"{(int)(now - p.Moved).TotalDays} days at {p.Stage}",
                    Attention = true,
                    Detail = FollowUp(p.Stage),
                }
            );
        }
        if (stale.Count == 0)
        {
            items.Add(
                new HomeItem(
                    "follow-up",
                    $"Proposals quiet for {FollowUpAfter.Days} days or more",
                    "/Pipeline?view=table"
                )
                {
                    Value = "0",
                }
            );
        }

        var today = await pace.StatusAsync(me, ct);
        items.Add(
            new HomeItem("pace", "Your pace today", "/Drafts")
            {
                Value = $"{today.SentToday.ToString(Inv)} of {today.Cap.ToString(Inv)}",
                Attention = today.Level is PaceLevel.Warning or PaceLevel.Blocked,
                Detail = today.Level switch
                {
                    PaceLevel.Blocked => "The daily cap is reached; an Admin or Lead can lift it for today.",
                    PaceLevel.Warning => "Close to the daily cap.",
                    PaceLevel.Lifted => "The cap is lifted for today.",
                    _ => null,
                },
            }
        );
        return new HomeSection(Roles.Freelancer, "Your work", items);
    }

    /// <summary>
    /// What to look at on Upwork, by hand, for a proposal stuck at a stage; the product never reads it for you.
    /// </summary>
    public static string FollowUp(ProposalStage stage) =>
        stage switch
        {
            ProposalStage.Sent =>
                "On Upwork, open the proposal: was it viewed? If the job is closed or filled, record it as Lost.",
            ProposalStage.Viewed =>
                "Viewed but no reply: check the job's messages on Upwork; a short follow-up is fine once.",
            ProposalStage.Replied =>
                "The client replied: answer on Upwork, and record an interview here if one is set.",
            ProposalStage.Interview =>
                "After the interview: check on Upwork for an offer or a shortlist and record it.",
            _ => "Check on Upwork whether the client hired, then record Hired or Lost.",
        };
}
