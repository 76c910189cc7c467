using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Analytics;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Home;

/// <summary>
/// What a Manager looks at first: this week (Monday to today, UTC) against last week for sent,
/// reply, shortlist, win and revenue, each rate with its 95% interval, and the lane and the person
/// whose reply rate lies furthest outside the baseline over the last <see cref="BaselineDays"/> days.
/// Every figure comes from the same report the Analytics page draws, and links to it.
/// </summary>
public sealed class ManagerHome(
    AnalyticsReport report,
    AppDbContext db,
    ITemplateNames templateNames,
    IMemoryCache cache,
    TimeProvider clock
)
{
    public const int BaselineDays = 28;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<HomeSection> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var thisWeek = new ProposalFilter(From: monday, To: today);
        var lastWeek = new ProposalFilter(From: monday.AddDays(-7), To: monday.AddDays(-1));
        var known = await FilterChoices.CachedAsync(db, templateNames, cache, user, ct);
        var now = (await report.GetAsync(thisWeek, user, known, ReportDetail.Page, ct)).Summary;
        var before = (await report.GetAsync(lastWeek, user, known, ReportDetail.Page, ct)).Summary;
        var link = "/Analytics?" + Query(thisWeek);
        var items = new List<HomeItem>
        {
            new("week-sent", "Proposals sent this week", link)
            {
                Value = now.Sent.ToString(Inv),
                Detail = $"last week {before.Sent.ToString(Inv)}",
            },
            Rate("week-reply", "Reply rate this week", link, now.Reply, before.Reply),
            Rate("week-shortlist", "Shortlist rate this week", link, now.Shortlist, before.Shortlist),
            Rate("week-win", "Win rate this week", link, now.Win, before.Win),
            new("week-revenue", "Revenue this week", link)
            {
                Value = "$" + now.Revenue.ToString("#,0", Inv),
                Detail = $"last week ${before.Revenue.ToString("#,0", Inv)}",
            },
        };

        var recent = await report.GetAsync(new ProposalFilter(Days: BaselineDays), user, known, ReportDetail.Page, ct);
        var baseline = report.Options.Baselines.Reply;
        var lane = Furthest(recent.Lanes, baseline);
        var person = Furthest(recent.People, baseline);
        var days = BaselineDays.ToString(Inv);
        items.Add(
            lane is null
                ? new HomeItem(
                    "furthest-lane",
                    $"Lanes against the reply baseline ({Show.Range(baseline)})",
                    $"/Analytics?days={days}"
                )
                {
                    Value = "all within",
                }
                : Outside(
                    "furthest-lane",
                    "Lane furthest from the reply baseline",
                    $"/Analytics?days={days}&lane={Uri.EscapeDataString(lane.Key)}",
                    lane,
                    baseline,
                    report.Options
                )
        );
        items.Add(
            person is null
                ? new HomeItem(
                    "furthest-person",
                    $"People against the reply baseline ({Show.Range(baseline)})",
                    $"/Analytics?days={days}"
                )
                {
                    Value = "all within",
                }
                : Outside(
                    "furthest-person",
                    "Person furthest from the reply baseline",
                    $"/Analytics?days={days}&person={Uri.EscapeDataString(person.Key)}",
                    person,
                    baseline,
                    report.Options
                )
        );
        return new HomeSection(Roles.Manager, "This week", items);
    }

    private static HomeItem Rate(string key, string label, string href, Rate now, Rate before) =>
        new(key, label, href)
        {
            Value = Show.Percent(now.Value),
            Detail =
                $"95% interval {Show.Percent(now.Low)}–{Show.Percent(now.High)} of {now.Trials.ToString(Inv)}; last "
                + $"week {Show.Percent(before.Value)} of {before.Trials.ToString(Inv)}",
        };

    private static HomeItem Outside(
        string key,
        string label,
        string href,
        Breakdown row,
        Baseline baseline,
        AnalyticsOptions options
    ) =>
        new(key, label, href)
        {
            Value = row.Label,
            Attention = true,
            Detail =
                $"reply {Show.Percent(row.Funnel.Reply.Value)} of {row.Funnel.Sent.ToString(Inv)} sent: "
                + $"{options.Baselines.Reply.Judge(row.Funnel.Reply)} {Show.Range(baseline)}",
        };

    /// <summary>
    /// The row whose rate lies furthest outside the range (the detail says whether its interval does too); none when
    /// all are within.
    /// </summary>
    private static Breakdown? Furthest(IReadOnlyList<Breakdown> rows, Baseline baseline) =>
        rows.Where(r => r.Funnel.Reply.Value is not null)
            .Select(r =>
                (
                    Row: r,
                    Distance: Math.Max(
                        baseline.Low - r.Funnel.Reply.Value!.Value,
                        r.Funnel.Reply.Value!.Value - baseline.High
                    )
                )
            )
            .Where(r => r.Distance > 0)
            .OrderByDescending(r => r.Distance)
            .Select(r => r.Row)
            .FirstOrDefault();

    private static string Query(ProposalFilter filter) =>
        string.Join("&", filter.RouteValues().Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value)}"));
}
