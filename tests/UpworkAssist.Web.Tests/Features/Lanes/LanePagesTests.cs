using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Lanes;

public sealed class LanePagesTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task AddPostingsAsync(params Posting[] postings) =>
        _app.WithDbAsync(async db =>
        {
            db.Postings.AddRange(postings);
            await db.SaveChangesAsync();
        });

    private Posting Posting(string id, string title, decimal? budget, params string[] skills) =>
        new()
        {
            Id = id,
            Title = title,
            Description = $"{title}. Long-term client, clear scope.",
            Url = $"https://www.upwork.com/jobs/{id}",
            PublishedAt = _app.Clock.GetUtcNow().AddMinutes(-10),
            FetchedAt = _app.Clock.GetUtcNow(),
            Type = PostingType.Fixed,
            FixedBudget = budget,
            Skills = [.. skills],
            Client = new ClientFacts("United States", true, 5000, 10, 4.8, 12),
        };

    private static (string, string)[] LaneForm(
        string id,
        string name,
        string minFixed = "",
        string include = "",
        string negative = "",
        string skillsAny = ""
    ) =>
        [
            ("Input.Id", id),
            ("Input.Name", name),
            ("Input.Enabled", "true"),
            ("Input.MinFixedBudget", minFixed),
            ("Input.IncludeKeywords", include),
            ("Input.NegativeKeywords", negative),
            ("Input.SkillsAny", skillsAny),
        ];

    [Fact]
    public async Task A_new_install_has_editable_starter_lanes()
    {
        var lead = await _app.SignedInAsync("Lead");
        var html = await lead.GetStringAsync("/Lanes");
        Assert.Contains(".NET and C# backends", html, StringComparison.Ordinal);
        Assert.Contains("React front ends", html, StringComparison.Ordinal);
        Assert.Contains("Product and UI design", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/Lanes/Edit?id=dotnet")).StatusCode);
    }

    [Fact]
    public async Task The_search_expression_field_says_spaces_mean_AND_and_shows_how_to_write_OR()
    {
        var lead = await _app.SignedInAsync("Lead");
        var html = WebUtility.HtmlDecode(await lead.GetStringAsync("/Lanes/Edit?id=dotnet"));
        Assert.Contains("combined with AND", html, StringComparison.Ordinal);
        Assert.Contains("blazor OR \"asp.net core\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_a_lane_matches_the_postings_in_store_with_evidence()
    {
        await AddPostingsAsync(
            Posting("~01", "Build a Blazor dashboard", 2000, "Blazor"),
            Posting("~02", "Blazor fix, unpaid trial", 2000, "Blazor"),
            Posting("~03", "Blazor tweak", 50, "Blazor")
        );
        var lead = await _app.SignedInAsync("Lead");
        var saved = await lead.SubmitToAsync(
            "/Lanes/Edit",
            "/Lanes/Edit?handler=Save",
            LaneForm("blazor", "Blazor work", "500", "blazor", "unpaid")
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await _app.WithDbAsync(async db =>
        {
            var matches = await db.Matches.Where(m => m.LaneId == "blazor").ToListAsync();
            var match = Assert.Single(matches);
            Assert.Equal("~01", match.PostingId);
            Assert.Contains("blazor", match.MatchedKeywords);
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "lane.created" && a.SubjectId == "blazor"));
        });
        Assert.Contains("Blazor work", await lead.GetStringAsync("/Lanes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_shows_what_the_unsaved_lane_would_match_and_the_difference_from_the_saved_one()
    {
        await AddPostingsAsync(
            Posting("~01", "Big Blazor app", 3000, "Blazor"),
            Posting("~02", "Small Blazor app", 300, "Blazor")
        );
        var lead = await _app.SignedInAsync("Lead");
        await lead.SubmitToAsync(
            "/Lanes/Edit",
            "/Lanes/Edit?handler=Save",
            LaneForm("blazor", "Blazor work", "1000", "blazor")
        );

        var preview = await lead.SubmitToAsync(
            "/Lanes/Edit?id=blazor",
            "/Lanes/Edit?handler=Preview&id=blazor",
            [.. LaneForm("blazor", "Blazor work", "200", "blazor"), ("Version", "1")]
        );
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("Would match <strong>2</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Newly matched: <strong>1</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Small Blazor app", html, StringComparison.Ordinal);

        var stricter = await lead.SubmitToAsync(
            "/Lanes/Edit?id=blazor",
            "/Lanes/Edit?handler=Preview&id=blazor",
            [.. LaneForm("blazor", "Blazor work", "5000", "blazor"), ("Version", "1")]
        );
        var strictHtml = await stricter.Content.ReadAsStringAsync();
        Assert.Contains("no longer matched: <strong>1</strong>", strictHtml, StringComparison.Ordinal);
        Assert.Contains("budget", strictHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("matches none of the 2 most recent postings", strictHtml, StringComparison.Ordinal);

        // Preview stores nothing.
        await _app.WithDbAsync(async db => Assert.Equal(1, await db.Matches.CountAsync(m => m.LaneId == "blazor")));
    }

    [Fact]
    public async Task A_lane_that_can_never_match_is_flagged()
    {
        var lead = await _app.SignedInAsync("Lead");
        var response = await lead.SubmitToAsync(
            "/Lanes/Edit",
            "/Lanes/Edit?handler=Preview",
            LaneForm("x", "Impossible", include: "php", negative: "php")
        );
        Assert.Contains(
            "Every include keyword is also a negative keyword",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Bad_lane_input_shows_every_error_and_saves_nothing()
    {
        var lead = await _app.SignedInAsync("Lead");
        var response = await lead.SubmitToAsync(
            "/Lanes/Edit",
            "/Lanes/Edit?handler=Save",
            ("Input.Id", "Not A Slug!"),
            ("Input.Name", ""),
            ("Input.MinFixedBudget", "-5"),
            ("Input.MinClientRating", "7"),
            ("Input.JobTypes", "weekly")
        );
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Use 1–64 lower-case letters", html, StringComparison.Ordinal);
        Assert.Contains("Name the lane.", html, StringComparison.Ordinal);
        Assert.Contains("A budget floor cannot be negative.", html, StringComparison.Ordinal);
        Assert.Contains("A rating is between 0 and 5.", html, StringComparison.Ordinal);
        Assert.Contains("Job types are fixed or hourly.", html, StringComparison.Ordinal);
        await _app.WithDbAsync(async db => Assert.Equal(3, await db.Lanes.CountAsync()));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_instead_of_overwriting()
    {
        var lead = await _app.SignedInAsync("Lead");
        var first = await lead.SubmitToAsync(
            "/Lanes/Edit?id=react",
            "/Lanes/Edit?handler=Save&id=react",
            [.. LaneForm("react", "React A"), ("Version", "0")]
        );
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var stale = await lead.SubmitToAsync(
            "/Lanes/Edit?id=react",
            "/Lanes/Edit?handler=Save&id=react",
            [.. LaneForm("react", "React B"), ("Version", "0")]
        );
        Assert.Contains(
            "Someone else saved this lane",
            await stale.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        await _app.WithDbAsync(async db =>
            Assert.Equal("React A", (await db.Lanes.SingleAsync(l => l.Id == "react")).Name)
        );
    }

    [Fact]
    public async Task Disabling_and_deleting_withdraw_untriaged_matches()
    {
        await AddPostingsAsync(Posting("~01", "React SPA", 2000, "React"));
        var lead = await _app.SignedInAsync("Lead");
        await lead.SubmitToAsync(
            "/Lanes/Edit?id=react",
            "/Lanes/Edit?handler=Save&id=react",
            [.. LaneForm("react", "React front ends", skillsAny: "React"), ("Version", "0")]
        );
        await _app.WithDbAsync(async db => Assert.Equal(1, await db.Matches.CountAsync(m => m.LaneId == "react")));

        await lead.SubmitToAsync("/Lanes", "/Lanes/Edit?handler=Toggle&id=react");
        await _app.WithDbAsync(async db => Assert.Equal(0, await db.Matches.CountAsync(m => m.LaneId == "react")));

        await lead.SubmitToAsync("/Lanes", "/Lanes/Edit?handler=Delete&id=react");
        await _app.WithDbAsync(async db => Assert.False(await db.Lanes.AnyAsync(l => l.Id == "react")));
    }

    [Fact]
    public async Task Clone_prefills_a_copy()
    {
        var lead = await _app.SignedInAsync("Lead");
        var html = await lead.GetStringAsync("/Lanes/Edit?cloneFrom=dotnet");
        Assert.Contains("value=\"dotnet-copy\"", html, StringComparison.Ordinal);
        Assert.Contains(".NET and C# backends (copy)", html, StringComparison.Ordinal);
    }

    private static MultipartFormDataContent File(string name, string json)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "file", name);
        return content;
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient browser, string name, string json)
    {
        var token = await browser.AntiforgeryTokenAsync("/Lanes/Import");
        var form = File(name, json);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await browser.PostAsync("/Lanes/Import", form);
    }

    [Fact]
    public async Task Import_is_all_or_nothing_and_lists_every_error()
    {
        var lead = await _app.SignedInAsync("Lead");
        var bad = await ImportAsync(
            lead,
            "team.json",
            """
            [{"id":"ok","name":"Fine lane"},
             {"id":"neg","name":"Negative","minFixedBudget":-1},
             {"id":"ok","name":"Duplicate id"},
             {"id":"kw","name":"Empty keyword","negativeKeywords":["   "]}]
            """
        );
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was imported.", html, StringComparison.Ordinal);
        Assert.Contains("team.json: [1].minFixedBudget", html, StringComparison.Ordinal);
        Assert.Contains("team.json: [2].id", html, StringComparison.Ordinal);
        Assert.Contains("team.json: [3].negativeKeywords[0]", html, StringComparison.Ordinal);
        await _app.WithDbAsync(async db => Assert.False(await db.Lanes.AnyAsync(l => l.Id == "ok")));

        var malformed = await ImportAsync(lead, "broken.json", "[{\"id\":");
        Assert.Contains("broken.json", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var good = await ImportAsync(
            lead,
            "team.json",
            """[{"id":"ok","name":"Fine lane","includeKeywords":["go"]},{"id":"dotnet","name":"Replaced .NET"}]"""
        );
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        await _app.WithDbAsync(async db =>
        {
            Assert.True(await db.Lanes.AnyAsync(l => l.Id == "ok"));
            Assert.Equal("Replaced .NET", (await db.Lanes.SingleAsync(l => l.Id == "dotnet")).Name);
        });
    }

    [Fact]
    public async Task Export_writes_a_lanes_file_that_import_accepts()
    {
        var lead = await _app.SignedInAsync("Lead");
        var exported = await lead.GetStringAsync("/Lanes?handler=Export");
        var lanes = JsonDocument.Parse(exported).RootElement;
        Assert.Equal(3, lanes.GetArrayLength());
        Assert.Equal("design", lanes[0].GetProperty("id").GetString());
        var again = await ImportAsync(lead, "lanes.json", exported);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task The_api_lists_lanes_in_the_rules_format_and_matches_with_paging()
    {
        await AddPostingsAsync(
            Posting("~01", "React app", 2000, "React"),
            Posting("~02", "Next.js site", 2000, "Next.js"),
            Posting("~03", "Redux refactor", 2000, "Redux")
        );
        var lead = await _app.SignedInAsync("Lead");
        await lead.SubmitToAsync(
            "/Lanes/Edit?id=react",
            "/Lanes/Edit?handler=Save&id=react",
            [.. LaneForm("react", "React front ends", skillsAny: "React\nNext.js\nRedux"), ("Version", "0")]
        );

        var lanes = await lead.GetFromJsonAsync<JsonElement>("/api/v1/lanes?limit=2");
        Assert.Equal(
            ["design", "dotnet"],
            lanes.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetString())
        );
        var rest = await lead.GetFromJsonAsync<JsonElement>(
            $"/api/v1/lanes?after={lanes.GetProperty("next").GetString()}"
        );
        var react = Assert.Single(rest.GetProperty("items").EnumerateArray());
        Assert.Equal(
            ["React", "Next.js", "Redux"],
            react.GetProperty("skillsAny").EnumerateArray().Select(s => s.GetString())
        );
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);

        var page = await lead.GetFromJsonAsync<JsonElement>("/api/v1/matches?limit=2");
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        var first = page.GetProperty("items")[0];
        Assert.Equal("react", first.GetProperty("laneId").GetString());
        Assert.True(first.GetProperty("matched").GetBoolean());
        Assert.Equal(0, first.GetProperty("reasons").GetArrayLength());
        var last = await lead.GetFromJsonAsync<JsonElement>(
            $"/api/v1/matches?limit=2&after={page.GetProperty("next").GetString()}"
        );
        Assert.Single(last.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_freelancer_reads_lanes_but_cannot_change_them()
    {
        var freelancer = await _app.SignedInAsync("Freelancer");
        Assert.Equal(HttpStatusCode.OK, (await freelancer.GetAsync("/Lanes")).StatusCode);
        Assert.DoesNotContain("New lane", await freelancer.GetStringAsync("/Lanes"), StringComparison.Ordinal);
        var token = await freelancer.AntiforgeryTokenAsync("/Account/Password");
        var toggle = await freelancer.PostAsync(
            "/Lanes/Edit?handler=Toggle&id=dotnet",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)])
        );
        Assert.Equal(HttpStatusCode.Forbidden, toggle.StatusCode);
        await _app.WithDbAsync(async db => Assert.True((await db.Lanes.SingleAsync(l => l.Id == "dotnet")).Enabled));
    }
}
