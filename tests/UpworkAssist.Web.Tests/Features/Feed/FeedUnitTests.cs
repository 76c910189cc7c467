using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Tests.Features.Feed;

public sealed class RateGovernorTests
{
    [Fact]
    public void Over_a_simulated_two_days_of_eager_callers_neither_cap_is_ever_exceeded()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        var options = new UpworkOptions { MaxRequestsPerMinute = 40, MaxRequestsPerDay = 40_000 };
        var governor = new RateGovernor(new StaticOptions(options), clock);
        var granted = new List<DateTimeOffset>();
        var end = clock.GetUtcNow().AddDays(2);
        while (clock.GetUtcNow() < end)
        {
            var wait = governor.TryTake();
            if (wait == TimeSpan.Zero)
            {
                granted.Add(clock.GetUtcNow());
                clock.Advance(TimeSpan.FromMilliseconds(100)); // callers ask far faster than allowed
            }
            else
            {
                Assert.True(wait > TimeSpan.Zero);
                clock.Advance(wait);
            }
        }
        for (int i = 0, j = 0; i < granted.Count; i++)
        {
            while (granted[i] - granted[j] >= TimeSpan.FromMinutes(1))
            {
                j++;
            }
            Assert.True(i - j + 1 <= 40, $"{i - j + 1} requests within one minute at {granted[i]:O}");
        }
        for (int i = 0, j = 0; i < granted.Count; i++)
        {
            while (granted[i] - granted[j] >= TimeSpan.FromDays(1))
            {
                j++;
            }
            Assert.True(i - j + 1 <= 40_000, $"{i - j + 1} requests within one day at {granted[i]:O}");
        }
        Assert.InRange(granted.Count, 79_000, 80_000); // the day cap binds, and is used
    }

    [Fact]
    public void A_429_blocks_every_turn_until_Retry_After_and_backs_off_from_60_s_without_it()
    {
        var clock = new FakeTimeProvider();
        var governor = new RateGovernor(new StaticOptions(new UpworkOptions()), clock);
        Assert.Equal(TimeSpan.FromSeconds(30), governor.Throttled(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(30), governor.TryTake());
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, governor.TryTake());
        governor.Succeeded();
        Assert.Equal(TimeSpan.FromSeconds(60), governor.Throttled(null));
        Assert.Equal(TimeSpan.FromSeconds(120), governor.Throttled(null));
        Assert.Equal(TimeSpan.FromSeconds(240), governor.Throttled(null));
    }

    private sealed class StaticOptions(UpworkOptions value) : IOptionsMonitor<UpworkOptions>
    {
        public UpworkOptions CurrentValue => value;

        public UpworkOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<UpworkOptions, string?> listener) => null;
    }
}

public sealed class GraphQlDocumentTests
{
    [Theory]
    [InlineData("query { a }")]
    [InlineData("{ a }")]
    [InlineData("  # mutation in a comment\n query Q($x: String = \"mutation\") { a(s: \"}\") }")]
    [InlineData("fragment F on Job { id } query Q { ...F }")]
    [InlineData("\uFEFF\r\n,, query\t{ a }")]
    public void Queries_pass(string document) => Assert.True(GraphQlDocument.IsQueryOnly(document, out _));

    [Theory]
    [InlineData("mutation { a }")]
    [InlineData("# query\nmutation M { a }")]
    [InlineData("subscription { a }")]
    [InlineData("query A { a } mutation B { b }")]
    [InlineData("  \"\"\"doc\"\"\" mutation { a }")]
    [InlineData("")]
    [InlineData("# only a comment")]
    [InlineData("query { a ")]
    [InlineData("type Query { a: Int }")]
    public void Anything_else_is_refused(string document) => Assert.False(GraphQlDocument.IsQueryOnly(document, out _));
}

public sealed class PostingMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static Posting Map(string json) =>
        PostingMapper.Map(JsonDocument.Parse(json).RootElement, FeedSource.Api, Now);

    [Theory]
    [InlineData("\"1250.50\"")]
    [InlineData("1250.50")]
    [InlineData("\" 1250.5 \"")]
    public void Money_is_read_from_a_string_or_a_number(string raw)
    {
        var p = Map(
            $$$"""
            {"ciphertext":"~01a","publishedDateTime":"2026-11-28T08:00:00Z",
             "amount":{"rawValue":{{{raw}}},"currency":"USD"}}
            """
        );
        Assert.Equal(1250.50m, p.FixedBudget);
        Assert.Equal(PostingType.Fixed, p.Type);
    }

    [Theory]
    [InlineData("""{"rawValue":"0.0"}""", """{"rawValue":"25"}""", "null", PostingType.Hourly)] // hourly budget present
    [InlineData("null", """{"rawValue":"0"}""", "null", PostingType.Hourly)] // no amount, hourly field present
    [InlineData("""{"rawValue":"300"}""", "null", "null", PostingType.Fixed)]
    // an amount and only a zero hourly field:
    [InlineData("""{"rawValue":"300"}""", """{"rawValue":"0"}""", "null", PostingType.Fixed)]
    [InlineData("null", "null", "null", PostingType.Fixed)] // nothing known
    public void The_type_rule(string amount, string min, string max, PostingType expected)
    {
        var p = Map(
            $$$"""
            {"ciphertext":"~01a","publishedDateTime":"2026-11-28T08:00:00Z","amount":{{{amount}}},
             "hourlyBudgetMin":{{{min}}},"hourlyBudgetMax":{{{max}}}}
            """
        );
        Assert.Equal(expected, p.Type);
    }

    [Fact]
    public void Html_tags_and_entities_become_plain_text_and_the_link_is_built_from_the_ciphertext()
    {
        // One JSON string cannot be broken across lines: the description comes in from two pieces.
        const string description =
            "<p>We need &quot;fast&quot; code&nbsp;&gt; 2x.</p><ul><li>one</li><li>two</li></ul>"
            + "Thanks&#39;<br/>bye<script>x()</script>";
        var p = Map(
            $$$"""
            {"ciphertext":"~01abc","createdDateTime":"2026-11-28T08:00:00+02:00","title":"C# &amp; .NET <b>expert</b>",
             "experienceLevel":"ENTRY_LEVEL",
             "skills":[{"name":"c-sharp","prettyName":null},{"name":"x","prettyName":"ASP.NET Core"}],
             "occupations":[{"category":{"prefLabel":"Web Development"}}],
             "client":{"verificationStatus":"NOT_VERIFIED","totalFeedback":4.5,"totalReviews":2,"totalHires":3,
              "totalSpent":{"rawValue":"99.5"},"location":{"country":"Canada"}},
             "description":"{{{description}}}"}
            """
        );
        Assert.Equal("C# & .NET expert", p.Title);
        Assert.Equal("We need \"fast\" code > 2x.\n• one\n• two\nThanks'\nbye", p.Description);
        Assert.Equal("https://www.upwork.com/jobs/~01abc", p.Url);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero), p.PublishedAt);
        Assert.Equal(("entry", "Web Development"), (p.ExperienceLevel, p.Category));
        Assert.Equal(["c-sharp", "ASP.NET Core"], p.Skills);
        Assert.Equal(new ClientFacts("Canada", false, 99.5m, 3, 4.5, 2), p.Client);
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"publishedDateTime":"2026-11-28T08:00:00Z"}""")]
    [InlineData("""{"ciphertext":"~01a"}""")]
    [InlineData("""{"ciphertext":"~01a","publishedDateTime":"2026-11-28T08:00:00Z","amount":{"rawValue":"-5"}}""")]
    [InlineData("""{"ciphertext":"~01a","publishedDateTime":"2026-11-28T08:00:00Z","totalApplicants":"many"}""")]
    [InlineData("""{"ciphertext":{"x":1},"publishedDateTime":"2026-11-28T08:00:00Z"}""")]
    public void A_node_that_cannot_be_mapped_is_refused_with_a_reason(string json)
    {
        Assert.False(
            PostingMapper.TryMap(JsonDocument.Parse(json).RootElement, FeedSource.Api, Now, out _, out var problem)
        );
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void The_demo_catalog_covers_at_least_40_skill_areas_and_its_nodes_map_cleanly()
    {
        Assert.True(DemoCatalog.Areas.Length >= 40);
        var clock = new FakeTimeProvider(Now);
        var demo = new DemoMarketplace(clock);
        var page = SearchPage.From(demo.Search("0", 100))!;
        Assert.Equal(100, page.Nodes.Count);
        var postings = page.Nodes.Select(n => PostingMapper.Map(n, FeedSource.Demo, Now)).ToList();
        Assert.Equal(100, postings.Select(p => p.Id).Distinct().Count());
        Assert.Contains(postings, p => p.Type == PostingType.Hourly);
        Assert.Contains(postings, p => p.Type == PostingType.Fixed);
        Assert.Contains(postings, p => p.Client.PaymentVerified == true);
        Assert.Contains(postings, p => p.Client.PaymentVerified != true);
        Assert.All(postings, p => Assert.DoesNotContain("&amp;", p.Description, StringComparison.Ordinal));
        Assert.All(postings, p => Assert.DoesNotContain("<", p.Description, StringComparison.Ordinal));
        Assert.All(postings, p => Assert.InRange(p.Description.Length, 300, 3000));
        Assert.True(postings.SequenceEqual(postings.OrderByDescending(p => p.PublishedAt)), "newest first");
        // The same minute gives the same postings after a restart; the next page continues older.
        Assert.Equal(
            page.Nodes[0].GetRawText(),
            SearchPage.From(new DemoMarketplace(clock).Search("0", 1))!.Nodes[0].GetRawText()
        );
        var next = SearchPage.From(demo.Search(page.EndCursor!, 100))!;
        Assert.True(PostingMapper.Map(next.Nodes[0], FeedSource.Demo, Now).PublishedAt <= postings[^1].PublishedAt);
        Assert.Empty(
            next.Nodes.Select(n => n.GetProperty("ciphertext").GetString()).Intersect(postings.Select(p => p.Id))
        );
    }
}
