using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Queue;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Queue;

public sealed partial class QueuePageTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [GeneratedRegex("data-match=\"(\\d+)\"")]
    private static partial Regex RowId();

    [GeneratedRegex("href=\"/Queue(\\?[^\"]*after=[^\"]+)\" data-testid=\"next\"")]
    private static partial Regex NextLink();

    private static List<long> Rows(string html) =>
        RowId()
            .Matches(html)
            .Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    [Fact]
    public async Task Rows_share_one_panel_of_choices_and_show_other_lanes_and_assignees()
    {
        var postings = Enumerable
            .Range(1, 12)
            .Select(i => QueueSeed.Posting(_app, $"~p{i:00}", $"Panel {i}"))
            .ToArray();
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", postings);
        await QueueSeed.MatchesAsync(_app, "react", postings[0]);
        var freelancer = await _app.CreateUserAsync("pat@example.test", ["Freelancer"]);
        await _app.WithDbAsync(async db =>
        {
            var match = await db.Matches.SingleAsync(m => m.Id == ids[1]);
            match.AssigneeId = freelancer.Id;
            await db.SaveChangesAsync();
        });
        var lead = await _app.SignedInAsync("Lead");
        var html = await lead.GetStringAsync("/Queue?lane=dotnet");

        Assert.Equal(12, Rows(html).Count);
        // One reason/snooze/assign choice for the bulk bar and one for the shared panel, not one per row.
        Assert.Equal(2, Regex.Count(html, "name=\"Reason\""));
        Assert.Equal(1, Regex.Count(html, "name=\"SnoozeHours\" aria-label"));
        Assert.Equal(12, Regex.Count(html, "data-more>"));
        var rows = html[
            html.IndexOf("id=\"queue-rows\"", StringComparison.Ordinal)..html.IndexOf(
                "aria-label=\"Pages\"",
                StringComparison.Ordinal
            )
        ];
        Assert.Equal(12, Regex.Count(rows, "name=\"__RequestVerificationToken\""));
        var first = html[html.IndexOf($"id=\"match-{ids[0]}\"", StringComparison.Ordinal)..];
        first = first[..first.IndexOf("</article>", StringComparison.Ordinal)];
        Assert.Contains("title=\"Also matched by this lane\">React front ends</span>", first, StringComparison.Ordinal);
        Assert.Contains($"data-assignee=\"{freelancer.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains("assigned to pat", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_pages_newest_first_by_keyset_without_gaps_or_repeats()
    {
        var postings = Enumerable.Range(1, 120).Select(i => QueueSeed.Posting(_app, $"~{i:000}", $"Job {i}")).ToArray();
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", postings);
        var lead = await _app.SignedInAsync("Lead");

        var seen = new List<long>();
        var url = "/Queue";
        for (var page = 0; page < 5 && url is not null; page++)
        {
            var html = await lead.GetStringAsync(url);
            seen.AddRange(Rows(html));
            var next = NextLink().Match(html);
            url = next.Success ? "/Queue" + WebUtility.HtmlDecode(next.Groups[1].Value) : null;
        }
        Assert.Null(url);
        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task Filters_narrow_by_lane_status_budget_verification_assignee_and_age()
    {
        var freelancer = await _app.CreateUserAsync("fl@example.test", "Freelancer");
        var ids = await QueueSeed.MatchesAsync(
            _app,
            "dotnet",
            QueueSeed.Posting(_app, "~cheap", "Cheap", budget: 100),
            QueueSeed.Posting(_app, "~rich", "Rich", budget: 5000),
            QueueSeed.Posting(_app, "~unverified", "Unverified", verified: false),
            QueueSeed.Posting(_app, "~old", "Old", minutesAgo: 60 * 30),
            QueueSeed.Posting(_app, "~hourly", "Hourly", type: PostingType.Hourly, hourly: 80)
        );
        var reactIds = await QueueSeed.MatchesAsync(_app, "react", QueueSeed.Posting(_app, "~react", "React"));
        await _app.WithDbAsync(async db =>
        {
            var m = await db.Matches.SingleAsync(x => x.PostingId == "~rich");
            m.Status = MatchStatus.Assigned;
            m.AssigneeId = freelancer.Id;
            (await db.Matches.SingleAsync(x => x.PostingId == "~cheap")).Status = MatchStatus.Dismissed;
            await db.SaveChangesAsync();
        });
        var browser = await _app.SignedInAsync("Lead");

        async Task<HashSet<long>> Shown(string query) => [.. Rows(await browser.GetStringAsync("/Queue" + query))];

        Assert.Equal([ids[2], ids[3], ids[4], reactIds[0]], await Shown(""));
        Assert.Equal([reactIds[0]], await Shown("?lane=react"));
        Assert.Equal([ids[0]], await Shown("?status=Dismissed"));
        Assert.Equal(ids.Concat(reactIds).ToHashSet(), await Shown("?status=All"));
        Assert.Equal([ids[1]], await Shown("?status=All&budgetMin=2000&budgetMax=10000"));
        Assert.Equal([ids[4]], await Shown("?status=All&budgetMin=50&budgetMax=90"));
        Assert.DoesNotContain(ids[2], await Shown("?status=All&verified=true"));
        Assert.DoesNotContain(ids[3], await Shown("?status=All&maxAgeHours=24"));
        Assert.Contains(ids[3], await Shown("?status=All&maxAgeHours=72"));
        Assert.Equal([ids[1]], await Shown($"?status=All&assignee={freelancer.Id}"));
        Assert.DoesNotContain(ids[1], await Shown("?status=All&assignee=none"));

        // Counts per lane and status are on the page (the lane and status choices).
        var all = await browser.GetStringAsync("/Queue");
        Assert.Contains(".NET and C# backends (3)", all, StringComparison.Ordinal);
        Assert.Contains("Dismissed (1)", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_filter_gets_a_clear_error_not_a_crash()
    {
        var lead = await _app.SignedInAsync("Lead");
        var response = await lead.GetAsync("/Queue?budgetMin=500&budgetMax=100&status=Nope&after=garbage");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The maximum budget must be at least the minimum.", html, StringComparison.Ordinal);
        Assert.Contains("Choose a status from the list.", html, StringComparison.Ordinal);
        Assert.Contains("That page link is not valid any more", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_by_htmx_answers_with_the_changed_row_and_is_audited()
    {
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~1", "Job one"));
        var lead = await _app.SignedInAsync("Lead");
        var token = await lead.AntiforgeryTokenAsync("/Queue");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Queue?handler=Act")
        {
            Content = new FormUrlEncodedContent([
                new("__RequestVerificationToken", token),
                new("MatchId", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Version", "0"),
                new("Action", "Shortlist"),
            ]),
        };
        request.Headers.Add("HX-Request", "true");
        var response = await lead.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<article", html.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("Shortlisted.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);

        await _app.WithDbAsync(async db =>
        {
            var match = await db.Matches.Include(m => m.Posting).SingleAsync();
            Assert.Equal(MatchStatus.Shortlisted, match.Status);
            Assert.Equal(1, match.Version);
            Assert.NotNull(match.Posting!.ActedOnAt); // kept past the 24-hour content retention
            var audit = await db.AuditEvents.SingleAsync(a => a.Action == "match.shortlisted");
            Assert.Equal(ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture), audit.SubjectId);
        });
    }

    [Fact]
    public async Task Two_leads_acting_on_one_job_see_a_conflict_instead_of_overwriting()
    {
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~1", "Job one"));
        var first = await _app.SignedInAsync("Lead");
        var second = await _app.SignedInAsync("Lead");

        var ok = await first.ActAsync(ids[0], 0, "Shortlist");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        // The second lead still holds version 0 from the page they loaded before.
        var late = await second.ActAsync(ids[0], 0, "Dismiss", ("Reason", "Budget too low"));
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        var page = await second.GetStringAsync(late.Location());
        Assert.Matches(
            "changed this to Shortlisted at 09:00 UTC. Nothing was overwritten",
            WebUtility.HtmlDecode(page)
        );

        await _app.WithDbAsync(async db =>
        {
            var match = await db.Matches.SingleAsync();
            Assert.Equal(MatchStatus.Shortlisted, match.Status);
            Assert.Null(match.DismissReason);
            Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action.StartsWith("match.")));
        });
    }

    [Fact]
    public async Task Claim_takes_ownership_once_and_a_second_claim_is_refused()
    {
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~1", "Job one"));
        var first = await _app.SignedInAsync("Lead");
        var second = await _app.SignedInAsync("Lead");
        await first.ActAsync(ids[0], 0, "Claim");
        // Even with the current version, a claim never takes a job from its owner.
        var refused = await second.ActAsync(ids[0], 1, "Claim");
        Assert.Contains(
            "Already claimed by",
            WebUtility.HtmlDecode(await second.GetStringAsync(refused.Location())),
            StringComparison.Ordinal
        );
        await _app.WithDbAsync(async db =>
        {
            var match = await db.Matches.SingleAsync();
            Assert.Equal(MatchStatus.Assigned, match.Status);
            Assert.Equal(1, match.Version);
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "match.claimed"));
        });
    }

    [Fact]
    public async Task Bulk_dismiss_applies_to_every_selected_row_with_its_reason_and_reports_conflicts()
    {
        var ids = await QueueSeed.MatchesAsync(
            _app,
            "dotnet",
            QueueSeed.Posting(_app, "~1", "One"),
            QueueSeed.Posting(_app, "~2", "Two"),
            QueueSeed.Posting(_app, "~3", "Three")
        );
        await _app.WithDbAsync(async db =>
        {
            var m = await db.Matches.SingleAsync(x => x.Id == ids[2]);
            m.Version = 5; // someone else changed it meanwhile
            await db.SaveChangesAsync();
        });
        var lead = await _app.SignedInAsync("Lead");
        var response = await lead.SubmitToAsync(
            "/Queue",
            "/Queue?handler=Bulk",
            ("Selected", $"{ids[0]}:0"),
            ("Selected", $"{ids[1]}:0"),
            ("Selected", $"{ids[2]}:0"),
            ("Action", "Dismiss"),
            ("Reason", "Wrong skills"),
            ("returnQuery", "?lane=dotnet")
        );
        Assert.Equal("/Queue?lane=dotnet", response.Location());
        var page = WebUtility.HtmlDecode(await lead.GetStringAsync(response.Location()));
        Assert.Contains("Dismiss: 2 of 3 done.", page, StringComparison.Ordinal);
        await _app.WithDbAsync(async db =>
        {
            var dismissed = await db
                .Matches.Where(m => m.Status == MatchStatus.Dismissed)
                .Select(m => m.Id)
                .ToListAsync();
            Assert.Equal([ids[0], ids[1]], dismissed.Order());
            Assert.All(
                await db.Matches.Where(m => m.Status == MatchStatus.Dismissed).ToListAsync(),
                m => Assert.Equal("Wrong skills", m.DismissReason)
            );
        });
    }

    [Fact]
    public async Task A_request_without_an_action_changes_nothing()
    {
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~1", "Job one"));
        var lead = await _app.SignedInAsync("Lead");
        var response = await lead.SubmitToAsync(
            "/Queue",
            "/Queue?handler=Act",
            ("MatchId", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Version", "0")
        );
        Assert.Contains(
            "Choose an action.",
            WebUtility.HtmlDecode(await lead.GetStringAsync(response.Location())),
            StringComparison.Ordinal
        );
        await _app.WithDbAsync(async db => Assert.Equal(MatchStatus.New, (await db.Matches.SingleAsync()).Status));
    }

    [Fact]
    public async Task Bulk_redirects_only_to_the_queue_itself()
    {
        var lead = await _app.SignedInAsync("Lead");
        var response = await lead.SubmitToAsync(
            "/Queue",
            "/Queue?handler=Bulk",
            ("Selected", "1:0"),
            ("Action", "Dismiss"),
            ("returnQuery", "//evil.example/x")
        );
        Assert.Equal("/Queue", response.Location());
    }

    [Fact]
    public async Task Snoozed_matches_come_back_as_new_when_their_time_comes()
    {
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~1", "Job one"));
        var lead = await _app.SignedInAsync("Lead");
        await lead.ActAsync(ids[0], 0, "Snooze", ("SnoozeHours", "4"));
        Assert.Empty(Rows(await lead.GetStringAsync("/Queue")));
        Assert.Single(Rows(await lead.GetStringAsync("/Queue?status=Snoozed")));

        async Task<int> WakeAsync() =>
            await _app.WithScopeAsync(sp => sp.GetRequiredService<SnoozeWake>().RunAsync(CancellationToken.None));
        _app.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await WakeAsync());
        _app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await WakeAsync());
        Assert.Equal([ids[0]], Rows(await lead.GetStringAsync("/Queue")));
        await _app.WithDbAsync(async db =>
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "match.snooze_ended" && a.ActorName == "system"))
        );
    }

    [Fact]
    public async Task Snoozing_into_the_past_or_beyond_a_month_is_refused()
    {
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~1", "Job one"));
        var lead = await _app.SignedInAsync("Lead");
        var past = await lead.ActAsync(ids[0], 0, "Snooze", ("Until", "2026-11-27T10:00"));
        Assert.Contains(
            "Snooze until a time in the next 30 days.",
            WebUtility.HtmlDecode(await lead.GetStringAsync(past.Location())),
            StringComparison.Ordinal
        );
        var junk = await lead.ActAsync(ids[0], 0, "Snooze", ("SnoozeHours", "5"));
        Assert.Contains(
            "Choose a snooze length from the list.",
            WebUtility.HtmlDecode(await lead.GetStringAsync(junk.Location())),
            StringComparison.Ordinal
        );
        await _app.WithDbAsync(async db => Assert.Equal(MatchStatus.New, (await db.Matches.SingleAsync()).Status));
    }

    [Fact]
    public async Task Managers_read_but_cannot_act_and_freelancers_see_only_their_assignments()
    {
        var freelancer = await _app.CreateUserAsync("fl@example.test", "Freelancer");
        var ids = await QueueSeed.MatchesAsync(
            _app,
            "dotnet",
            QueueSeed.Posting(_app, "~mine", "Mine"),
            QueueSeed.Posting(_app, "~other", "Other")
        );
        var lead = await _app.SignedInAsync("Lead");
        await lead.ActAsync(ids[0], 0, "Assign", ("AssigneeId", freelancer.Id));

        var manager = await _app.SignedInAsync("Manager");
        var managerPage = await manager.GetStringAsync("/Queue?status=All");
        Assert.Equal(2, Rows(managerPage).Count);
        Assert.DoesNotContain("handler=Act", managerPage, StringComparison.Ordinal);
        var forbidden = await manager.ActAsync(ids[1], 0, "Dismiss");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var browser = _app.Browser();
        await browser.LoginAsync("fl@example.test", TestApp.Password);
        Assert.Equal([ids[0]], Rows(await browser.GetStringAsync("/Queue?status=All")));
        // A freelancer's own view is their open work: the assigned job shows without choosing a status.
        var usual = await browser.GetStringAsync("/Queue");
        Assert.Equal([ids[0]], Rows(usual));
        Assert.Contains(
            "<option value=\"\" selected=\"selected\">Open work (1)</option>",
            usual,
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Queue/Job/~mine")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Queue/Job/~other")).StatusCode);
        var bulk = await browser.SubmitToAsync(
            "/Queue",
            "/Queue?handler=Bulk",
            ("Selected", $"{ids[1]}:0"),
            ("Action", "Dismiss")
        );
        Assert.Equal(HttpStatusCode.Forbidden, bulk.StatusCode);
        await _app.WithDbAsync(async db =>
            Assert.Equal(MatchStatus.New, (await db.Matches.SingleAsync(m => m.Id == ids[1])).Status)
        );
    }

    [Fact]
    public async Task Assigning_to_someone_who_cannot_take_work_is_refused()
    {
        var manager = await _app.CreateUserAsync("mgr@example.test", "Manager");
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~1", "One"));
        var lead = await _app.SignedInAsync("Lead");
        var response = await lead.ActAsync(ids[0], 0, "Assign", ("AssigneeId", manager.Id));
        Assert.Contains(
            "cannot take assignments",
            WebUtility.HtmlDecode(await lead.GetStringAsync(response.Location())),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Saved_views_belong_to_their_owner()
    {
        var lead = await _app.SignedInAsync("Lead");
        var saved = await lead.SubmitToAsync(
            "/Queue?lane=react",
            "/Queue?handler=SavePreset",
            ("Name", "React only"),
            ("Query", "?lane=react")
        );
        Assert.Equal("/Queue?lane=react", saved.Location());
        var html = await lead.GetStringAsync("/Queue");
        Assert.Contains("href=\"/Queue?lane=react\">React only</a>", html, StringComparison.Ordinal);
        var other = await _app.SignedInAsync("Lead");
        Assert.DoesNotContain("React only", await other.GetStringAsync("/Queue"), StringComparison.Ordinal);

        var bad = await lead.SubmitToAsync(
            "/Queue",
            "/Queue?handler=SavePreset",
            ("Name", ""),
            ("Query", "https://evil.example")
        );
        Assert.Contains(
            "Name the view to save it.",
            WebUtility.HtmlDecode(await lead.GetStringAsync(bad.Location())),
            StringComparison.Ordinal
        );

        var id = await _app.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<AppDbContext>().FilterPresets.SingleAsync()).Id
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await other.SubmitToAsync("/Queue", $"/Queue?handler=DeletePreset&id={id}")).StatusCode
        );
        await lead.SubmitToAsync("/Queue", $"/Queue?handler=DeletePreset&id={id}");
        Assert.DoesNotContain(">React only</a>", await lead.GetStringAsync("/Queue"), StringComparison.Ordinal);
    }
}
