using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Home;

/// <summary>
/// What an Admin checks: the set-up (feed connected or demo, Slack and e-mail, users, when the
/// quarterly review is due) and every compliance signal that is not green.
/// </summary>
public sealed class AdminHome(
    AppDbContext db,
    ComplianceSignals signals,
    IOptionsMonitor<UpworkOptions> upwork,
    IOptionsMonitor<SmtpOptions> smtp,
    TimeProvider clock
)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<HomeSection> BuildAsync(CancellationToken ct)
    {
        var state = await signals.MeasureAsync(ct);
        var demo = upwork.CurrentValue.EffectiveMode == FeedMode.Demo;
        var connection = state.Signals.Single(s => s.Key == "connection");
        var items = new List<HomeItem>
        {
            new("setup-feed", "Job feed", "/Admin/Feed/Connection")
            {
                Value =
                    demo ? "demo"
                    : connection.Verdict == Verdict.Green ? "connected"
                    : "check",
                Attention = demo || connection.Verdict != Verdict.Green,
                Detail = connection.Measured,
            },
        };

        var routes = await db
            .AlertRoutes.GroupBy(r => r.Kind)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var mail = !string.IsNullOrWhiteSpace(smtp.CurrentValue.Host);
        var slackRoutes = routes.GetValueOrDefault(RouteKind.Slack);
        items.Add(
            new HomeItem("setup-routes", "Slack and e-mail routes", "/Lanes")
            {
                Value = (slackRoutes + routes.GetValueOrDefault(RouteKind.Email)).ToString(Inv),
                Attention = routes.Count == 0,
                Detail =
                    $"{slackRoutes.ToString(Inv)} Slack, {routes.GetValueOrDefault(RouteKind.Email).ToString(Inv)} "
                    + $"e-mail; "
                    + (mail ? $"mail goes through {smtp.CurrentValue.Host}" : "no SMTP server configured (Smtp:Host)"),
            }
        );

        var users = await db.Users.CountAsync(u => !u.IsDisabled, ct);
        items.Add(
            new HomeItem("setup-users", "Active users", "/Admin/Users")
            {
                Value = users.ToString(Inv),
                Attention = users < 2,
            }
        );

        var review = state.Signals.Single(s => s.Key == "review");
        var nextQuarter = Quarters.StartOf(clock.GetUtcNow()).AddMonths(3);
        items.Add(
            new HomeItem("setup-review", "Quarterly review", "/Compliance/Review")
            {
                Value = review.Verdict == Verdict.Green ? "done" : "due",
                Attention = review.Verdict != Verdict.Green,
                Detail =
                    review.Verdict == Verdict.Green
                        ? $"{review.Measured}; the next is due from {nextQuarter.UtcDateTime:d MMM yyyy}"
                        : review.Measured,
            }
        );

        foreach (
            var signal in state.Signals.Where(s =>
                s.Verdict != Verdict.Green && s.Key is not ("review" or "connection")
            )
        )
        {
            items.Add(
                new HomeItem("signal-" + signal.Key, signal.Name, "/Compliance#signal-" + signal.Key)
                {
                    Value = signal.Verdict.ToString().ToLowerInvariant(),
                    Attention = true,
                    Detail = signal.Reason,
                }
            );
        }
        if (state.Overall == Verdict.Green)
            items.Add(new HomeItem("signals-green", "Compliance signals", "/Compliance") { Value = "all green" });
        return new HomeSection(Roles.Admin, "Set-up and compliance", items);
    }
}
