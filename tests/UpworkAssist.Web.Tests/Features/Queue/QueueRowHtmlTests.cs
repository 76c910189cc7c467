using System.Text.RegularExpressions;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Queue;
using UpworkAssist.Web.Features.Shared;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Queue;

/// <summary>
/// What the queue draws per row without a partial view each (the demo mark, the facts' badges),
/// and the live bar's line, read from the store-write cache.
/// </summary>
public sealed partial class QueueRowHtmlTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static string Html(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void Facts_are_one_block_of_encoded_badges_and_nothing_without_facts()
    {
        Assert.Equal("", Html(PostingFactsHtml.Render(new PostingFacts(null, null, null, null, null, null))));
        var html = Html(
            PostingFactsHtml.Render(
                new PostingFacts(null, 0, null, true, new DateTimeOffset(2019, 3, 4, 0, 0, 0, TimeSpan.Zero), null)
            )
        );
        Assert.Equal(
            "<div class=\"small mb-1\" data-testid=\"posting-facts\">"
                + "<span class=\"badge text-bg-light border text-body-emphasis me-1\" title=\"Someone on the connected "
                + "Upwork account has already applied to this job.\">already applied from this account</span>"
                + "<span class=\"badge text-bg-light border text-body-emphasis me-1\" title=\"The client has no "
                + "openings left on this job.\">filled</span>"
                + "<span class=\"badge text-bg-light border text-body-emphasis me-1\" title=\"Member of the "
                + "marketplace since 2019-03-04.\">client since 2019</span></div>",
            html
        );
    }

    [Fact]
    public void The_demo_mark_shows_for_demo_postings_only()
    {
        Assert.Contains("data-testid=\"demo\"", Html(DemoPostings.Badge(DemoPostings.IdPrefix + "abc")));
        Assert.Equal("", Html(DemoPostings.Badge("~01abc")));
        Assert.Equal("", Html(DemoPostings.Badge(null)));
    }

    [Fact]
    public async Task The_live_bar_counts_from_the_newest_match_and_a_new_match_moves_its_line()
    {
        var lead = await _app.SignedInAsync("Lead");
        Assert.Equal(0, Since(await lead.GetStringAsync("/Queue")));
        var first = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~live-a", "First"));
        Assert.Equal(first[0], Since(await lead.GetStringAsync("/Queue")));
        // Kept between views, and read again once a new match is stored.
        Assert.Equal(first[0], Since(await lead.GetStringAsync("/Queue?lane=dotnet")));
        var second = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~live-b", "Second"));
        Assert.Equal(second[0], Since(await lead.GetStringAsync("/Queue")));
    }

    private static long Since(string page) =>
        long.Parse(LiveSince().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("data-live-since=\"(\\d+)\"")]
    private static partial Regex LiveSince();
}
