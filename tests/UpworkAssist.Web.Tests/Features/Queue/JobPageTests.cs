using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Queue;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Queue;

public sealed class JobPageTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    public const string Hostile = """
        Need an API.<script>alert('x')</script>
        <img src=x onerror="alert(1)"> and <a href="javascript:alert(2)">click</a>
        Spec: https://example.com/spec?a=1&b=2.
        javascript:alert(3)
        """;

    [Fact]
    public async Task The_description_is_plain_text_with_line_breaks_and_only_http_links()
    {
        await QueueSeed.MatchesAsync(
            _app,
            "dotnet",
            QueueSeed.Posting(_app, "~h", "Hostile <b>title</b>", description: Hostile)
        );
        var lead = await _app.SignedInAsync("Lead");
        var html = await lead.GetStringAsync("/Queue/Job/~h");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>title</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains(
            "<a href=\"https://example.com/spec?a=1&amp;b=2\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("<br />", html, StringComparison.Ordinal);
        Assert.Contains("Hostile &lt;b&gt;title&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_lane_decision_is_shown_with_its_evidence_and_the_history_of_actions()
    {
        var ids = await QueueSeed.MatchesAsync(
            _app,
            "dotnet",
            QueueSeed.Posting(_app, "~1", "Build an ASP.NET Core API", budget: 50)
        );
        var lead = await _app.SignedInAsync("Lead");
        await lead.ActAsync(ids[0], 0, "Dismiss", ("Reason", "Budget too low"));

        var html = WebUtility.HtmlDecode(await lead.GetStringAsync("/Queue/Job/~1"));
        // The starter lanes judge it live: each one is listed with why it did not match.
        Assert.Contains("React front ends", html, StringComparison.Ordinal);
        Assert.Contains("Product and UI design", html, StringComparison.Ordinal);
        Assert.Contains("not matched", html, StringComparison.Ordinal);
        Assert.Contains("budget_below_floor", html, StringComparison.Ordinal);
        Assert.Contains("match.dismissed", html, StringComparison.Ordinal);
        Assert.Contains("Budget too low", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.upwork.com/jobs/~1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_job_page_carries_each_rows_choices_and_an_action_there_comes_back_to_it()
    {
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~j", "Back to me"));
        var lead = await _app.SignedInAsync("Lead");
        var html = await lead.GetStringAsync("/Queue/Job/~j");
        // Without script the queue's "Reason, snooze, assign…" link lands here: the row's own form has them.
        Assert.Contains($"id=\"act-{ids[0]}\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Reason\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"SnoozeHours\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"AssigneeId\"", html, StringComparison.Ordinal);

        var response = await lead.ActAsync(ids[0], 0, "Dismiss", ("Reason", "Wrong skills"), ("View", "job"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Queue/Job/~j", response.Location());
        var after = WebUtility.HtmlDecode(await lead.GetStringAsync("/Queue/Job/~j"));
        Assert.Contains("Dismissed (Wrong skills).", after, StringComparison.Ordinal);
        Assert.Contains("dismissed: Wrong skills", after, StringComparison.Ordinal);

        // The htmx answer to an action on the job page keeps the row's own choices.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Queue?handler=Act")
        {
            Content = new FormUrlEncodedContent([
                new("MatchId", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Version", "1"),
                new("Action", "Reopen"),
                new("View", "job"),
                new("__RequestVerificationToken", await lead.AntiforgeryTokenAsync("/Queue")),
            ]),
        };
        request.Headers.Add("HX-Request", "true");
        var row = await (await lead.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("name=\"AssigneeId\"", row, StringComparison.Ordinal);
        Assert.DoesNotContain("data-more", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_posting_purged_by_retention_shows_as_expired_with_its_link_and_records()
    {
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~old", "Secret content title"));
        var lead = await _app.SignedInAsync("Lead");
        await lead.ActAsync(ids[0], 0, "Shortlist");

        _app.Clock.Advance(TimeSpan.FromHours(25));
        var purged = await _app.WithScopeAsync(sp =>
            sp.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None)
        );
        Assert.Equal(1, purged.Stripped);

        lead = await _app.SignedInAsync("Lead"); // the day-old sign-in has expired
        var queue = await lead.GetStringAsync("/Queue?status=Shortlisted");
        Assert.Contains("Expired posting", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret content title", queue, StringComparison.Ordinal);

        var response = await lead.GetAsync("/Queue/Job/~old");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"expired\"", html, StringComparison.Ordinal);
        Assert.Contains("https://www.upwork.com/jobs/~old", html, StringComparison.Ordinal);
        Assert.Contains("match.shortlisted", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret content title", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untouched_posting_disappears_with_its_matches_at_retention()
    {
        await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~gone", "Nobody touched it"));
        _app.Clock.Advance(TimeSpan.FromHours(25));
        await _app.WithScopeAsync(sp => sp.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None));
        var lead = await _app.SignedInAsync("Lead");
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync("/Queue/Job/~gone")).StatusCode);
        Assert.Contains(
            "data-testid=\"empty\"",
            await lead.GetStringAsync("/Queue?status=All"),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task The_lanes_page_shows_each_lanes_triage_quality_with_dismiss_reasons()
    {
        var ids = await QueueSeed.MatchesAsync(
            _app,
            "dotnet",
            QueueSeed.Posting(_app, "~1", "One"),
            QueueSeed.Posting(_app, "~2", "Two"),
            QueueSeed.Posting(_app, "~3", "Three"),
            QueueSeed.Posting(_app, "~4", "Four")
        );
        var lead = await _app.SignedInAsync("Lead");
        await lead.ActAsync(ids[0], 0, "Shortlist");
        await lead.ActAsync(ids[1], 0, "Dismiss", ("Reason", "Budget too low"));
        await lead.ActAsync(ids[2], 0, "Dismiss", ("Reason", "Budget too low"));

        var html = WebUtility.HtmlDecode(await lead.GetStringAsync("/Lanes"));
        // 4 routed: 1 kept (25%), 2 dismissed (50%); precision 1 of 3 judged.
        Assert.Contains("25% kept · 50% dismissed", html, StringComparison.Ordinal);
        Assert.Contains("precision 33% of 3 judged", html, StringComparison.Ordinal);
        Assert.Contains("dismissed for: Budget too low (2)", html, StringComparison.Ordinal);
    }
}

public sealed class PlainTextHtmlTests
{
    private static string Render(string text)
    {
        using var writer = new StringWriter();
        PlainTextHtml.Render(text).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    [Theory]
    [InlineData("a\nb", "a<br />b")]
    [InlineData("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;")]
    [InlineData(
        "see https://a.example/x.",
        "see <a href=\"https://a.example/x\" rel=\"nofollow noopener noreferrer\" "
            + "target=\"_blank\">https://a.example/x</a>."
    )]
    [InlineData("javascript:alert(1)", "javascript:alert(1)")]
    [InlineData("\"onmouseover=alert(1)", "&quot;onmouseover=alert(1)")]
    [InlineData("", "")]
    public void Renders_plain_text_safely(string text, string expected) => Assert.Equal(expected, Render(text));
}
