using System.Net;
using UpworkAssist.Web.Tests.Features.Queue;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features;

/// <summary>The small confusions of daily use (issue 17, item 14), as the pages render them.</summary>
public sealed class DailyUsePageTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_freelancer_finds_Knowledge_in_the_menu_and_the_help_lists_only_keys_they_can_use()
    {
        var freelancer = await _app.SignedInAsync("Freelancer");
        var home = await freelancer.GetStringAsync("/");
        Assert.Contains("href=\"/Knowledge\">Knowledge</a>", home, StringComparison.Ordinal);
        var queue = await freelancer.GetStringAsync("/Queue");
        var help = queue[queue.IndexOf("data-testid=\"shortcut-list\"", StringComparison.Ordinal)..];
        help = help[..help.IndexOf("</dl>", StringComparison.Ordinal)];
        Assert.Contains("open the job", help, StringComparison.Ordinal);
        Assert.DoesNotContain("shortlist", help, StringComparison.Ordinal);
        Assert.DoesNotContain("bulk", help, StringComparison.Ordinal);

        var lead = await _app.SignedInAsync("Lead");
        Assert.Contains("shortlist", await lead.GetStringAsync("/Queue"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assigning_starts_from_choose_a_person_and_one_applicant_is_singular()
    {
        await _app.CreateUserAsync("admin-first@example.test", "Admin");
        var posting = QueueSeed.Posting(_app, "~one", "One applicant job");
        posting.TotalApplicants = 1;
        await QueueSeed.MatchesAsync(_app, "dotnet", posting);
        var lead = await _app.SignedInAsync("Lead");
        var html = WebUtility.HtmlDecode(await lead.GetStringAsync("/Queue"));
        // The bulk bar and the shared panel: "choose a person…" comes first, never the first Admin.
        Assert.Equal(2, CountOf(html, "name=\"AssigneeId\" aria-label=\"Assign to\""));
        Assert.All(
            AssignSelects(html),
            s =>
                Assert.StartsWith(
                    "<option value=\"\">choose a person…</option>",
                    s.TrimStart(),
                    StringComparison.Ordinal
                )
        );
        Assert.Contains("1 applicant<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1 applicants", html, StringComparison.Ordinal);
        var job = WebUtility.HtmlDecode(await lead.GetStringAsync("/Queue/Job/~one"));
        Assert.All(
            AssignSelects(job),
            s =>
                Assert.StartsWith(
                    "<option value=\"\">choose a person…</option>",
                    s.TrimStart(),
                    StringComparison.Ordinal
                )
        );
        Assert.DoesNotContain("1 applicants", job, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analytics_without_proposals_says_how_data_arrives_instead_of_drawing_blank_charts()
    {
        var manager = await _app.SignedInAsync("Manager");
        var html = await manager.GetStringAsync("/Analytics");
        Assert.Contains("data-testid=\"analytics-empty\"", html, StringComparison.Ordinal);
        Assert.Contains("I sent it", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<canvas", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reasons_read_as_plain_words_naming_their_evidence()
    {
        var posting = QueueSeed.Posting(_app, "~plain", "Ledger export job", budget: 200);
        await QueueSeed.MatchesAsync(_app, "dotnet", posting);
        var lead = await _app.SignedInAsync("Lead");
        var job = WebUtility.HtmlDecode(await lead.GetStringAsync("/Queue/Job/~plain"));
        // The React lane: none of its skills, named; the .NET lane: the floor, with both amounts.
        Assert.Contains(
            "the job lists none of the lane's skills (React, Next.js, TypeScript, Redux)",
            job,
            StringComparison.Ordinal
        );
        Assert.Contains("the fixed budget of $200 is below the lane's floor of $500", job, StringComparison.Ordinal);
        Assert.DoesNotContain(">missing_any_skill", job, StringComparison.Ordinal);
        Assert.DoesNotContain("missing_any_skill:", job, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_lane_sent_without_an_id_takes_one_made_from_its_name()
    {
        var lead = await _app.SignedInAsync("Lead");
        var saved = await lead.SubmitToAsync(
            "/Lanes/Edit",
            "/Lanes/Edit?handler=Save",
            ("Input.Id", ""),
            ("Input.Name", "C# & .NET APIs für Kunden"),
            ("Input.Enabled", "true"),
            ("Input.SkillsAny", "C#")
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await _app.WithDbAsync(async db => Assert.NotNull(await db.Lanes.FindAsync("csharp-dotnet-apis-fur-kunden")));
        Assert.Equal(
            "dotnet-and-csharp-backends",
            UpworkAssist.Web.Features.Lanes.LaneInput.SlugOf(".NET and C# backends")
        );
    }

    [Fact]
    public async Task The_audit_log_names_subjects_and_actors_and_links_to_them()
    {
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~audited", "Audited posting"));
        await _app.CreateUserAsync("lena@example.test", "Lead");
        var lead = _app.Browser();
        await lead.LoginAsync("lena@example.test", TestApp.Password);
        await lead.ActAsync(ids[0], 0, "Shortlist");
        var admin = await _app.SignedInAsync("Admin");
        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/Audit"));
        Assert.Contains(
            "<a href=\"/Queue/Job/~audited\" title=\"match " + ids[0] + "\">match of “Audited posting”</a>",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("<span title=\"lena@example.test\">lena</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proposal_for_a_demo_posting_is_marked_in_the_pipeline()
    {
        var user = await _app.CreateUserAsync("demo-sender@example.test", "Freelancer");
        await _app.WithDbAsync(async db =>
        {
            db.Proposals.Add(
                new UpworkAssist.Web.Features.Pipeline.Proposal
                {
                    PostingId = "~0demo1a",
                    PostingTitle = "Demo job",
                    FreelancerId = user.Id,
                    SentAt = _app.Clock.GetUtcNow(),
                }
            );
            await db.SaveChangesAsync();
        });
        var lead = await _app.SignedInAsync("Lead");
        foreach (var view in new[] { "/Pipeline", "/Pipeline?view=table" })
        {
            Assert.Contains(
                "data-testid=\"demo\">demo</span>",
                await lead.GetStringAsync(view),
                StringComparison.Ordinal
            );
        }
    }

    [Fact]
    public async Task A_chosen_time_zone_is_kept_in_the_profile_and_used_on_every_device()
    {
        await _app.CreateUserAsync("zoe@example.test", "Admin");
        var laptop = _app.Browser();
        await laptop.LoginAsync("zoe@example.test", TestApp.Password);
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await laptop.SubmitAsync("/Account/TimeZone", ("Zone", "Asia/Tokyo"))).StatusCode
        );

        // Another device, with no browser zone reported yet: the profile's zone applies.
        var phone = _app.Browser();
        await phone.LoginAsync("zoe@example.test", TestApp.Password);
        Assert.Contains(
            "<option value=\"Asia/Tokyo\" selected=\"selected\">",
            await phone.GetStringAsync("/Account/TimeZone"),
            StringComparison.Ordinal
        );
        var audit = WebUtility.HtmlDecode(await phone.GetStringAsync("/Audit"));
        var tokyo = TimeZoneInfo.ConvertTime(_app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        Assert.Contains(
            $"title=\"{_app.Clock.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC\">"
                + tokyo.ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture)
                + "</time>",
            audit,
            StringComparison.Ordinal
        );
        Assert.Contains("user.time_zone_changed", audit, StringComparison.Ordinal);
    }

    private static int CountOf(string html, string text) =>
        (html.Length - html.Replace(text, "", StringComparison.Ordinal).Length) / text.Length;

    // The contents of each "Assign to" select.
    private static IEnumerable<string> AssignSelects(string html)
    {
        var at = 0;
        while ((at = html.IndexOf("name=\"AssigneeId\" aria-label=\"Assign to\"", at, StringComparison.Ordinal)) >= 0)
        {
            var start = html.IndexOf('>', at) + 1;
            yield return html[start..html.IndexOf("</select>", start, StringComparison.Ordinal)];
            at = start;
        }
    }
}
