using Microsoft.Extensions.Options;
using UpworkAssist.Web.Features.Routing;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// Tells the Admins that the quarterly review is due, by their chosen routes (<see cref="AdminNotifier"/>).
/// </summary>
public sealed class ReviewReminder(AdminNotifier notifier, IOptions<RoutingOptions> routing)
{
    public Task<AdminNotifier.Result> SendAsync(ComplianceReview review, CancellationToken ct)
    {
        var link = routing.Value.PublicUrl.TrimEnd('/') + "/Compliance/Review";
        return notifier.SendAsync(
            new AdminMessage(
                $"UpworkAssist: the {review.Quarter} compliance review is due",
                $"The quarterly compliance review for {review.Quarter} is due. Walk the automation inventory, "
                    + $"answer its questionnaire again, "
                    + "review the marketplace's terms with the team, and record the review with your notes: "
                    + link,
                $"*The {review.Quarter} compliance review is due.* Walk the automation inventory, answer its "
                    + $"questionnaire again and review the marketplace's terms with the team.",
                "Open the review",
                link,
                "open_review"
            ),
            ct
        );
    }
}
