using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>The rates the team steers by, with honest intervals and baselines; every table also as CSV.</summary>
public sealed class IndexModel(
    AppDbContext db,
    ITemplateNames templateNames,
    AnalyticsReport analytics,
    ReportPrebuild prebuild,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache,
    StoreCache storeCache,
    TimeProvider clock
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Lane { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Template { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Days { get; set; }

    public ProposalFilter Filter =>
        AnalyticsReport.WithDefaultPeriod(
            new ProposalFilter(Lane, Person, Template, From, To, Days is > 0 and <= 3660 ? Days : null)
        );
    public FilterChoices Choices { get; private set; } = null!;
    public FilterForm FilterForm => new(Filter, Choices, true, []);
    public Report Report { get; private set; } = null!;
    public SyncFigures Sync { get; private set; } = new(0, 0, 0, 0, null, null);
    public AnalyticsOptions Options => analytics.Options;
    public bool ReadsAll => ProposalAccess.ReadsAll(User);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ReportDetail.Page, ct);
        Sync = await SyncMetrics.CachedAsync(db, storeCache, Filter, User, clock.GetUtcNow(), ct);
        prebuild.Viewed(Filter, User);
    }

    private async Task LoadAsync(ReportDetail detail, CancellationToken ct)
    {
        Choices = await FilterChoices.CachedAsync(db, templateNames, cache, User, ct);
        Report = await analytics.GetAsync(Filter, User, Choices, detail, ct);
    }

    /// <summary>
    /// One of the page's tables as CSV: summary, trends, lanes, people, templates, tiers, weeks, post-age, applicants,
    /// lane-quality, edit-distance.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(string table, CancellationToken ct)
    {
        if (!AnalyticsCsv.Tables.Contains(table))
        {
            return NotFound();
        }
        await LoadAsync(ReportDetail.Export, ct);
        return File(AnalyticsCsv.Write(table, Report).ToBytes(), Shared.CsvTable.ContentType, $"analytics-{table}.csv");
    }

    public IEnumerable<FunnelTable> FunnelTables()
    {
        var (r, min) = (Report, Options.MinimumSample);
        yield return new FunnelTable("lanes", "Per lane", "Lane", r.Lanes, min, CsvUrl("lanes"));
        yield return new FunnelTable("people", "Per person", "Person", r.People, min, CsvUrl("people"));
        yield return new FunnelTable("templates", "Per template", "Template", r.Templates, min, CsvUrl("templates"));
        yield return new FunnelTable("tiers", "Per budget tier at send", "Budget", r.BudgetTiers, min, CsvUrl("tiers"));
        yield return new FunnelTable("weeks", "Per week (Monday, UTC)", "Week", r.Weeks, min, CsvUrl("weeks"));
        yield return new FunnelTable(
            "post-age",
            "Speed to lead: post age at send",
            "Post age",
            r.PostAges,
            min,
            CsvUrl("post-age")
        );
        yield return new FunnelTable(
            "applicants",
            "Applicants at send",
            "Applicants",
            r.Applicants,
            min,
            CsvUrl("applicants")
        );
    }

    /// <summary>
    /// A table's CSV link with the page's filter. Built from one dictionary: the tag helper's
    /// asp-all-route-data replaces asp-route-* values instead of adding to them.
    /// </summary>
    public string CsvUrl(string table)
    {
        var values = new Microsoft.AspNetCore.Routing.RouteValueDictionary { ["table"] = table };
        foreach (var (key, value) in Filter.RouteValues())
            values[key] = value;
        return Url.Page("/Analytics/Index", "Csv", values)!;
    }

    /// <summary>
    /// The chart data as JSON for a data block. The default encoder escapes &lt;, &gt;, &amp; and quotes,
    /// so lane names cannot close the script element.
    /// </summary>
    public string ChartJson() =>
        JsonSerializer.Serialize(
            new
            {
                weeks = new
                {
                    labels = Report.Weeks.Select(w => w.Key),
                    sent = Report.Weeks.Select(w => w.Funnel.Sent),
                    reply = Report.Weeks.Select(w => Percent(w.Funnel.Reply)),
                    shortlist = Report.Weeks.Select(w => Percent(w.Funnel.Shortlist)),
                    win = Report.Weeks.Select(w => Percent(w.Funnel.Win)),
                },
                lanes = new
                {
                    labels = Report.Lanes.Select(l => l.Label),
                    reply = Report.Lanes.Select(l => Percent(l.Funnel.Reply)),
                    shortlist = Report.Lanes.Select(l => Percent(l.Funnel.Shortlist)),
                    win = Report.Lanes.Select(l => Percent(l.Funnel.Win)),
                },
                postAge = new
                {
                    labels = Report.PostAges.Select(p => p.Label),
                    reply = Report.PostAges.Select(p => Percent(p.Funnel.Reply)),
                    sent = Report.PostAges.Select(p => p.Funnel.Sent),
                },
                baselines = new
                {
                    reply = Range(Options.Baselines.Reply),
                    shortlist = Range(Options.Baselines.Shortlist),
                    win = Range(Options.Baselines.Win),
                },
            }
        );

    private static double? Percent(Rate rate) => rate.Value is { } v ? Math.Round(v * 100, 1) : null;

    private static double[] Range(Baseline b) => [Math.Round(b.Low * 100, 1), Math.Round(b.High * 100, 1)];
}
