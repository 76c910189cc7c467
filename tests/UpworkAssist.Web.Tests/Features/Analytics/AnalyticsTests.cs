using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Analytics;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Tests.Features.Pipeline;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Analytics;

/// <summary>
/// Every metric from <see cref="KnownPipeline"/>, read back through the page's CSV exports (the same numbers the page
/// shows).
/// </summary>
public sealed class AnalyticsTests : IAsyncLifetime, IDisposable
{
    private readonly TestApp _app = new();
    private readonly KnownPipeline _data = new();

    public Task InitializeAsync() => _data.SeedAsync(_app);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private static async Task<List<Dictionary<string, string>>> CsvAsync(
        HttpClient browser,
        string table,
        string query = ""
    )
    {
        var response = await browser.GetAsync($"/Analytics?handler=Csv&table={table}{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return Csv.Parse(await response.Content.ReadAsStringAsync());
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>The rate and its Wilson bounds as the CSV writes them (fractions to six places).</summary>
    private static void AssertRate(Dictionary<string, string> row, string name, int successes, int trials)
    {
        var expected = Wilson.Interval(successes, trials);
        Assert.Equal((double)successes / trials, D(row[$"{name}_rate"]), 6);
        Assert.Equal(expected.Low, D(row[$"{name}_low"]), 6);
        Assert.Equal(expected.High, D(row[$"{name}_high"]), 6);
    }

    [Fact]
    public async Task Every_CSV_button_on_the_page_downloads_its_table_with_the_page_filter()
    {
        var manager = await _app.SignedInAsync("Manager");
        var html = await manager.GetStringAsync("/Analytics?days=30");
        var links = System
            .Text.RegularExpressions.Regex.Matches(html, "href=\"([^\"]+)\" data-testid=\"csv\"")
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .ToList();
        Assert.Equal(AnalyticsCsv.Tables.Count, links.Count);
        foreach (var link in links)
        {
            Assert.Contains("days=30", link, StringComparison.Ordinal);
            var response = await manager.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link}: {response.StatusCode}");
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(
            AnalyticsCsv.Tables.Order(),
            links
                .Select(l => System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), l).Query)["table"]!)
                .Order()
        );
    }

    [Fact]
    public async Task The_summary_of_the_last_90_days_has_every_metric_worked_out_by_hand()
    {
        var manager = await _app.SignedInAsync("Manager");
        var row = Assert.Single(await CsvAsync(manager, "summary"));
        // Proposals 1–9 are in the window; #10 (100 days ago) is not.
        Assert.Equal("9", row["sent"]);
        Assert.Equal("5", row["replied"]); // 1, 2, 3, 6, 8
        AssertRate(row, "reply", 5, 9);
        Assert.Equal("4", row["shortlisted"]); // 1, 2 (interview, then lost), 6, 8
        AssertRate(row, "shortlist", 4, 9);
        Assert.Equal("2", row["won"]); // 1, 8
        AssertRate(row, "win", 2, 9);
        Assert.Equal(4000, D(row["revenue"]));
        Assert.Equal(4000 / 9.0, D(row["revenue_per_proposal"]), 5);
        Assert.Equal("78", row["connects"]); // 10+10+6+6+4+12+8+16+6
        Assert.Equal(39, D(row["connects_per_win"]));
        Assert.Equal(6, D(row["median_hours_to_reply"])); // 2, 4, 6, 8, 10
        Assert.Equal(105, D(row["median_minutes_to_send"])); // 20 30 45 90 | 120 300 600 2000
        Assert.Equal(10, D(row["median_applicants"])); // 2 3 4 8 | 12 15 25 60

        // Wilson's 5/9 reply interval [0.2667, 0.8112] (worked by hand from the closed form) overlaps the 20–35%
        // baseline; the page says so and warns n=9 < 30.
        var html = WebUtility.HtmlDecode(await manager.GetStringAsync("/Analytics"));
        Assert.Contains("55.6%", html, StringComparison.Ordinal);
        Assert.Contains("baseline 20–35%", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"small-sample\"", html, StringComparison.Ordinal);
        Assert.Equal(0.2667, Math.Round(Wilson.Interval(5, 9).Low, 4));
        Assert.Equal(0.8112, Math.Round(Wilson.Interval(5, 9).High, 4));
    }

    private async Task<string> TemplateNameAsync(long id)
    {
        var name = "";
        await _app.WithDbAsync(async db => name = (await db.DraftTemplates.FindAsync(id))?.Name ?? $"template {id}");
        return name;
    }

    [Fact]
    public async Task Breakdowns_per_lane_person_template_tier_week_post_age_and_applicants()
    {
        var lead = await _app.SignedInAsync("Lead");
        var lanes = (await CsvAsync(lead, "lanes")).ToDictionary(r => r["group"]);
        Assert.Equal(
            ("5", "4", "3", "1"),
            (
                lanes["Known .NET"]["sent"],
                lanes["Known .NET"]["replied"],
                lanes["Known .NET"]["shortlisted"],
                lanes["Known .NET"]["won"]
            )
        );
        Assert.Equal(
            ("4", "1", "1", "1"),
            (
                lanes["Known React"]["sent"],
                lanes["Known React"]["replied"],
                lanes["Known React"]["shortlisted"],
                lanes["Known React"]["won"]
            )
        );
        AssertRate(lanes["Known .NET"], "reply", 4, 5);

        var people = (await CsvAsync(lead, "people")).ToDictionary(r => r["group"]);
        Assert.Equal(
            ("5", "3", "1", "1000"),
            (people["alice"]["sent"], people["alice"]["replied"], people["alice"]["won"], people["alice"]["revenue"])
        );
        Assert.Equal(
            ("4", "2", "1", "3000"),
            (people["bob"]["sent"], people["bob"]["replied"], people["bob"]["won"], people["bob"]["revenue"])
        );

        // Templates are named from the drafts library (the starter templates hold ids 1 and 2).
        var (t1, t2) = (await TemplateNameAsync(1), await TemplateNameAsync(2));
        Assert.NotEqual("template 1", t1);
        var templates = (await CsvAsync(lead, "templates")).ToDictionary(r => r["group"]);
        Assert.Equal(("4", "3"), (templates[t1]["sent"], templates[t1]["replied"]));
        Assert.Equal(("3", "0"), (templates[t2]["sent"], templates[t2]["replied"]));
        Assert.Equal(
            ("2", "2", "1"),
            (templates["no template"]["sent"], templates["no template"]["replied"], templates["no template"]["won"])
        );

        var tiers = (await CsvAsync(lead, "tiers")).ToDictionary(r => r["group"]);
        Assert.Equal(
            [
                "fixed < $500",
                "fixed $500–1,999",
                "fixed $2,000–9,999",
                "fixed ≥ $10,000",
                "hourly < $25/h",
                "hourly $25–49/h",
                "hourly ≥ $50/h",
                "unknown",
            ],
            tiers.Keys
        );
        Assert.Equal(
            ("2", "2", "1"),
            (tiers["fixed $500–1,999"]["sent"], tiers["fixed $500–1,999"]["replied"], tiers["fixed $500–1,999"]["won"])
        );
        Assert.Equal("1", tiers["unknown"]["sent"]);

        // Sent on Fri 27 … Mon 23 November (week of the 23rd) and Sun 22 November (week of the 16th).
        var weeks = (await CsvAsync(lead, "weeks")).ToDictionary(r => r["group"]);
        Assert.Equal(("1", "8"), (weeks["week of 2026-11-16"]["sent"], weeks["week of 2026-11-23"]["sent"]));

        var ages = (await CsvAsync(lead, "post-age")).ToDictionary(r => r["group"]);
        Assert.Equal(("3", "3", "2"), (ages["< 1 h"]["sent"], ages["< 1 h"]["replied"], ages["< 1 h"]["won"]));
        Assert.Equal(("3", "1"), (ages["1–6 h"]["sent"], ages["1–6 h"]["replied"]));
        Assert.Equal(("1", "1"), (ages["6–24 h"]["sent"], ages["6–24 h"]["replied"]));
        Assert.Equal(("1", "0"), (ages["≥ 24 h"]["sent"], ages["≥ 24 h"]["replied"]));
        Assert.Equal("1", ages["unknown"]["sent"]);

        var applicants = (await CsvAsync(lead, "applicants")).ToDictionary(r => r["group"]);
        Assert.Equal(["< 5", "5–9", "10–19", "20–49", "≥ 50", "unknown"], applicants.Keys);
        Assert.Equal(
            ("3", "1", "2", "1", "1", "1"),
            (
                applicants["< 5"]["sent"],
                applicants["5–9"]["sent"],
                applicants["10–19"]["sent"],
                applicants["20–49"]["sent"],
                applicants["≥ 50"]["sent"],
                applicants["unknown"]["sent"]
            )
        );
    }

    [Fact]
    public async Task Trends_compare_the_last_60_and_90_days_with_the_days_before_them()
    {
        var admin = await _app.SignedInAsync("Admin");
        var rows = (await CsvAsync(admin, "trends")).ToDictionary(r => r["days"] + " " + r["period"]);
        Assert.Equal(
            ("9", "1", "9", "1"),
            (rows["60 last"]["sent"], rows["60 previous"]["sent"], rows["90 last"]["sent"], rows["90 previous"]["sent"])
        );
        AssertRate(rows["60 last"], "reply", 5, 9);
        AssertRate(rows["60 last"], "win", 2, 9);
        AssertRate(rows["90 previous"], "reply", 1, 1); // #10 replied, 100 days ago
    }

    [Fact]
    public async Task Lane_quality_is_triage_precision_beside_proposal_outcomes_and_edits_are_set_against_replies()
    {
        var manager = await _app.SignedInAsync("Manager");
        var quality = (await CsvAsync(manager, "lane-quality")).ToDictionary(r => r["lane_id"]);
        Assert.Equal(
            ("7", "4", "2"),
            (quality["k-dotnet"]["matches"], quality["k-dotnet"]["kept"], quality["k-dotnet"]["dismissed"])
        );
        Assert.Equal(4 / 6.0, D(quality["k-dotnet"]["precision"]), 6);
        Assert.Equal(Wilson.Interval(4, 6).Low, D(quality["k-dotnet"]["precision_low"]), 6);
        Assert.Equal(("5", "0.8"), (quality["k-dotnet"]["proposals"], quality["k-dotnet"]["reply_rate"]));
        Assert.Equal(("0", "1"), (quality["k-react"]["kept"], quality["k-react"]["dismissed"]));

        var (t1, t2) = (await TemplateNameAsync(1), await TemplateNameAsync(2));
        var edits = (await CsvAsync(manager, "edit-distance")).ToDictionary(r => r["template"] + " / " + r["edit"]);
        Assert.Equal(("1", "1"), (edits[$"{t1} / unedited"]["sent"], edits[$"{t1} / unedited"]["replied"]));
        Assert.Equal(
            ("3", "2"),
            (edits[$"{t1} / light (1–99 chars)"]["sent"], edits[$"{t1} / light (1–99 chars)"]["replied"])
        );
        Assert.Equal(
            ("1", "0"),
            (edits[$"{t2} / heavy (≥ 100 chars)"]["sent"], edits[$"{t2} / heavy (≥ 100 chars)"]["replied"])
        );
        Assert.Equal(
            ("1", "1"),
            (edits["no template / heavy (≥ 100 chars)"]["sent"], edits["no template / heavy (≥ 100 chars)"]["replied"])
        );
    }

    [Fact]
    public async Task Lane_labels_counted_per_day_give_what_a_query_of_the_period_gives()
    {
        // Matches either side of midnight, the edge every period starts and ends on.
        var midnight = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var extra = new[]
        {
            (midnight, MatchStatus.Shortlisted),
            (midnight.AddTicks(-1), MatchStatus.Dismissed),
            (midnight.AddDays(5).AddHours(12), MatchStatus.Assigned),
            (midnight.AddDays(-40), MatchStatus.Dismissed),
            (midnight.AddDays(1).AddTicks(-1), MatchStatus.New),
        };
        await _app.WithDbAsync(async db =>
        {
            foreach (var ((at, status), i) in extra.Select((e, i) => (e, i)))
            {
                db.Postings.Add(
                    new Posting
                    {
                        Id = $"~0x{i}",
                        Title = "x",
                        PublishedAt = at,
                        FetchedAt = at,
                    }
                );
                db.Matches.Add(
                    new Match
                    {
                        PostingId = $"~0x{i}",
                        LaneId = i % 2 == 0 ? "k-react" : "k-dotnet",
                        Status = status,
                        MatchedAt = at,
                    }
                );
            }
            await db.SaveChangesAsync();
        });
        var now = _app.Clock.GetUtcNow();
        var filters = new UpworkAssist.Web.Features.Pipeline.ProposalFilter[]
        {
            new(),
            new(Days: 90),
            new(Days: 3),
            new(From: new DateOnly(2026, 11, 20)),
            new(To: new DateOnly(2026, 11, 19)),
            new(From: new DateOnly(2026, 11, 20), To: new DateOnly(2026, 11, 20)),
            new(Lane: "k-dotnet", From: new DateOnly(2026, 10, 1), To: new DateOnly(2026, 11, 25)),
            new(Lane: "k-none", Days: 90),
        };
        await _app.WithDbAsync(async db =>
        {
            var labels = await LaneLabels.ReadAsync(db, CancellationToken.None);
            foreach (var filter in filters)
            {
                var (start, end) = filter.Range(now);
                var matches = await db.Matches.Where(m => filter.Lane == null || m.LaneId == filter.Lane).ToListAsync();
                var expected = matches
                    .Where(m => (start is not { } s || m.MatchedAt >= s) && (end is not { } e || m.MatchedAt < e))
                    .GroupBy(m => m.LaneId)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g =>
                        (
                            g.Key,
                            g.Count(),
                            g.Count(m => m.Status is MatchStatus.Shortlisted or MatchStatus.Assigned),
                            g.Count(m => m.Status == MatchStatus.Dismissed)
                        )
                    );
                var actual = labels
                    .For(filter.Lane, start, end)
                    .OrderBy(l => l.Key, StringComparer.Ordinal)
                    .Select(l => (l.Key, l.Value.Total, l.Value.Kept, l.Value.Dismissed));
                Assert.Equal(expected, actual);
            }
        });
    }

    [Fact]
    public async Task A_triage_label_counts_in_lane_quality_as_soon_as_it_is_written()
    {
        var cache = _app.Services.GetRequiredService<StoreCache>();
        Task<LaneLabels> Labels() =>
            _app.WithScopeAsync(sp =>
                LaneLabels.GetAsync(sp.GetRequiredService<AppDbContext>(), cache, CancellationToken.None)
            );
        Assert.Equal(new LaneLabels.Counts(7, 4, 2), (await Labels()).For("k-dotnet", null, null)["k-dotnet"]);
        await _app.WithDbAsync(async db =>
        {
            var unlabelled = await db.Matches.SingleAsync(m => m.LaneId == "k-dotnet" && m.Status == MatchStatus.New);
            unlabelled.Status = MatchStatus.Dismissed;
            await db.SaveChangesAsync();
        });
        var after = await Labels();
        Assert.Equal(new LaneLabels.Counts(7, 4, 3), after.For("k-dotnet", null, null)["k-dotnet"]);
        Assert.Same(after, await Labels()); // kept until the next write
    }

    [Fact]
    public async Task Filters_narrow_the_rates_by_lane_person_template_and_period()
    {
        var manager = await _app.SignedInAsync("Manager");
        Assert.Equal("5", Assert.Single(await CsvAsync(manager, "summary", "&lane=k-dotnet"))["sent"]);
        Assert.Equal("4", Assert.Single(await CsvAsync(manager, "summary", "&person=" + _data.Bob))["sent"]);
        Assert.Equal("2", Assert.Single(await CsvAsync(manager, "summary", "&template=none"))["sent"]);
        // 1 and 2 days ago: #1, #2, #6, #7.
        Assert.Equal("4", Assert.Single(await CsvAsync(manager, "summary", "&from=2026-11-26&to=2026-11-28"))["sent"]);
        Assert.Equal("10", Assert.Single(await CsvAsync(manager, "summary", "&days=365"))["sent"]);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/Analytics?handler=Csv&table=nope")).StatusCode);
    }

    [Fact]
    public async Task A_stage_change_or_a_revenue_edit_shows_at_once_despite_the_report_cache()
    {
        var manager = await _app.SignedInAsync("Manager");
        Assert.Equal("5", Assert.Single(await CsvAsync(manager, "summary"))["replied"]);
        var alice = _app.Browser();
        await alice.LoginAsync("alice@example.test", TestApp.Password);
        var id = _data.Ids[4];
        Assert.Equal(
            HttpStatusCode.Redirect,
            (
                await alice.SubmitToAsync(
                    $"/Pipeline/Edit?id={id}",
                    $"/Pipeline/Edit?id={id}&handler=Stage",
                    ("Stage.To", "Replied")
                )
            ).StatusCode
        );
        Assert.Equal("6", Assert.Single(await CsvAsync(manager, "summary"))["replied"]);

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(
            HttpStatusCode.Redirect,
            (
                await alice.SubmitToAsync(
                    $"/Pipeline/Edit?id={id}",
                    $"/Pipeline/Edit?id={id}&handler=Contract",
                    ("Contract.Type", "Fixed"),
                    ("Contract.Value", "300"),
                    ("Contract.Revenue", "250")
                )
            ).StatusCode
        );
        Assert.Equal(4250, D(Assert.Single(await CsvAsync(manager, "summary"))["revenue"]));
    }

    [Fact]
    public async Task A_viewed_report_is_built_again_in_the_background_after_a_write()
    {
        var prebuild = _app.Services.GetRequiredService<ReportPrebuild>();
        Assert.Equal(0, await prebuild.RebuildAsync(CancellationToken.None)); // nothing viewed yet
        var manager = await _app.SignedInAsync("Manager");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/Analytics")).StatusCode);
        Assert.Equal(0, await prebuild.RebuildAsync(CancellationToken.None)); // viewed, and built for the data as it is
        Assert.Equal((5, false), await PageReportAsync());

        var alice = _app.Browser();
        await alice.LoginAsync("alice@example.test", TestApp.Password);
        var id = _data.Ids[4];
        Assert.Equal(
            HttpStatusCode.Redirect,
            (
                await alice.SubmitToAsync(
                    $"/Pipeline/Edit?id={id}",
                    $"/Pipeline/Edit?id={id}&handler=Stage",
                    ("Stage.To", "Replied")
                )
            ).StatusCode
        );
        // The manager's view of the default period is rebuilt for the new data (and only once) …
        Assert.Equal(1, await prebuild.RebuildAsync(CancellationToken.None));
        Assert.Equal(0, await prebuild.RebuildAsync(CancellationToken.None));
        // … and that report, with the stage change in it, is what the next view is served (not built).
        Assert.Equal((6, false), await PageReportAsync());
        // Renewing (before the cache's age limit) builds every viewed report even without a write.
        Assert.Equal(1, await prebuild.RebuildAsync(CancellationToken.None, renew: true));

        // A report not viewed for half an hour is no longer kept built.
        _app.Clock.Advance(ReportPrebuild.ViewedWithin + TimeSpan.FromMinutes(1));
        Assert.Equal(0, await prebuild.RebuildAsync(CancellationToken.None));
    }

    /// <summary>
    /// The page's report of the default period as a Manager gets it now: replies counted, and whether it had to be
    /// built.
    /// </summary>
    private Task<(int Replied, bool Built)> PageReportAsync() =>
        _app.WithScopeAsync(async sp =>
        {
            var manager = Principals.Of("m", "Manager");
            var db = sp.GetRequiredService<AppDbContext>();
            var (report, built) = await sp.GetRequiredService<AnalyticsReport>()
                .GetOrBuildAsync(
                    new(),
                    manager,
                    await UpworkAssist.Web.Features.Pipeline.FilterChoices.LoadAsync(
                        db,
                        sp.GetRequiredService<UpworkAssist.Web.Features.Pipeline.ITemplateNames>(),
                        manager,
                        CancellationToken.None
                    ),
                    ReportDetail.Page,
                    CancellationToken.None
                );
            return (report.Summary.Replied, built);
        });

    [Fact]
    public async Task A_page_report_has_the_export_numbers_with_only_the_medians_the_page_shows()
    {
        var user = Principals.Of("m", "Manager");
        var (page, export) = await _app.WithScopeAsync(async sp =>
        {
            var analytics = sp.GetRequiredService<AnalyticsReport>();
            var choices = await UpworkAssist.Web.Features.Pipeline.FilterChoices.LoadAsync(
                sp.GetRequiredService<AppDbContext>(),
                sp.GetRequiredService<UpworkAssist.Web.Features.Pipeline.ITemplateNames>(),
                user,
                CancellationToken.None
            );
            var filter = new UpworkAssist.Web.Features.Pipeline.ProposalFilter(Days: 3650);
            return (
                await analytics.BuildAsync(filter, user, choices, ReportDetail.Page, CancellationToken.None),
                await analytics.BuildAsync(filter, user, choices, ReportDetail.Export, CancellationToken.None)
            );
        });
        Assert.Equal(export.Summary, page.Summary);
        Assert.NotNull(page.Summary.MedianMinutesToSend);
        Assert.NotNull(page.Summary.MedianApplicants);
        var exported = export
            .Lanes.Concat(export.People)
            .Concat(export.Templates)
            .Concat(export.BudgetTiers)
            .Concat(export.Weeks)
            .Concat(export.PostAges)
            .Concat(export.Applicants)
            .ToList();
        var shown = page
            .Lanes.Concat(page.People)
            .Concat(page.Templates)
            .Concat(page.BudgetTiers)
            .Concat(page.Weeks)
            .Concat(page.PostAges)
            .Concat(page.Applicants)
            .ToList();
        Assert.Contains(
            exported,
            b => b.Funnel.MedianMinutesToSend is not null && b.Funnel.MedianApplicants is not null
        );
        Assert.Equal(
            exported.Select(b =>
                b with
                {
                    Funnel = b.Funnel with { MedianMinutesToSend = null, MedianApplicants = null },
                }
            ),
            shown
        );
        Assert.Equal(
            export.EditDistance.Select(e =>
                e with
                {
                    Funnel = e.Funnel with { MedianMinutesToSend = null, MedianApplicants = null },
                }
            ),
            page.EditDistance
        );
    }

    [Theory]
    [InlineData("Manager", null, null, null, null, null, 90)]
    [InlineData("Manager", "k-dotnet", null, null, null, null, 90)]
    [InlineData("Manager", null, "bob", "none", null, null, null)]
    [InlineData("Manager", "k-react", null, "2", "2026-11-20", "2026-11-28", null)]
    [InlineData("Freelancer", null, null, null, null, null, 3650)]
    [InlineData("Freelancer", "k-dotnet", "alice", "nope", null, null, 7)]
    public async Task The_in_memory_filter_selects_what_the_SQL_filter_selects(
        string role,
        string? lane,
        string? person,
        string? template,
        string? from,
        string? to,
        int? days
    )
    {
        var user = role == "Manager" ? Principals.Of("m", "Manager") : Principals.Of(_data.Alice, "Freelancer");
        var filter = new UpworkAssist.Web.Features.Pipeline.ProposalFilter(
            lane,
            person switch
            {
                "bob" => _data.Bob,
                "alice" => _data.Alice,
                _ => null,
            },
            template,
            from is null ? null : DateOnly.Parse(from, CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, CultureInfo.InvariantCulture),
            days
        );
        var now = _app.Clock.GetUtcNow();
        await _app.WithDbAsync(async db =>
        {
            var bySql = await filter.Apply(db.Proposals, user, now).Select(p => p.Id).OrderBy(id => id).ToListAsync();
            var all = await _app.Services.GetRequiredService<FactsSnapshot>().GetAsync(db, CancellationToken.None);
            using var selection = all.Select(filter, user, now);
            var inMemory = selection.Positions.ToArray().Select(i => all.Facts[i].Id).Order().ToList();
            Assert.Equal(bySql, inMemory);
        });
    }

    [Fact]
    public async Task The_facts_snapshot_reads_only_what_changed()
    {
        var snapshot = _app.Services.GetRequiredService<FactsSnapshot>();
        var manager = await _app.SignedInAsync("Manager");
        await CsvAsync(manager, "summary");
        var reads = snapshot.Reads;
        await CsvAsync(manager, "summary", "&days=365"); // another report, same data: no read
        Assert.Equal(reads, snapshot.Reads);

        var alice = _app.Browser();
        await alice.LoginAsync("alice@example.test", TestApp.Password);
        var id = _data.Ids[4];
        await alice.SubmitToAsync(
            $"/Pipeline/Edit?id={id}",
            $"/Pipeline/Edit?id={id}&handler=Stage",
            ("Stage.To", "Replied")
        );
        Assert.Equal("6", Assert.Single(await CsvAsync(manager, "summary"))["replied"]);
        Assert.Equal(reads + 1, snapshot.Reads);
        await _app.WithDbAsync(async db =>
        {
            var all = await snapshot.GetAsync(db, CancellationToken.None);
            Assert.Equal(await db.Proposals.CountAsync(), all.Facts.Count);
            Assert.Equal(all.Facts.Count, all.Facts.Select(f => f.Id).Distinct().Count());
            Assert.NotNull(all.Facts.Single(f => f.Id == id).RepliedAt);
            Assert.Equal(all.Facts.OrderBy(f => f.SentAt).ThenBy(f => f.Id), all.Facts);
        });
    }

    [Fact]
    public async Task A_freelancer_sees_only_their_own_metrics()
    {
        var alice = _app.Browser();
        await alice.LoginAsync("alice@example.test", TestApp.Password);
        var summary = Assert.Single(await CsvAsync(alice, "summary"));
        Assert.Equal(("5", "3", "1"), (summary["sent"], summary["replied"], summary["won"]));
        var people = await CsvAsync(alice, "people");
        Assert.Equal("alice", Assert.Single(people)["group"]);
        // Asking for someone else's numbers gives nothing, not their numbers.
        Assert.Equal("0", Assert.Single(await CsvAsync(alice, "summary", "&person=" + _data.Bob))["sent"]);
        var html = WebUtility.HtmlDecode(await alice.GetStringAsync("/Analytics"));
        Assert.Contains("Your own proposals only.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">bob<", html, StringComparison.Ordinal);
    }
}

/// <summary>A small RFC 4180 reader for the tests: the header row names the columns.</summary>
public static class Csv
{
    public static List<Dictionary<string, string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    cell.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r') { }
            else if (c == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else
                cell.Append(c);
        }
        var header = rows[0];
        return rows.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
