using Microsoft.Extensions.Options;
using UpworkAssist.Web.Features.Drafts;

namespace UpworkAssist.Web.Tests.Features.Drafts;

public sealed class DraftChecksTests
{
    private const string Good =
        "Hi there, your Stripe webhook retries post is exactly the C# work I do daily.\n\nI would start with the "
        + "idempotency key.\n\nSimilar work: https://loom.com/share/abc\n\nAda";

    private static DraftChecks Checks(Action<DraftingOptions>? change = null)
    {
        var o = new DraftingOptions { BannedPhrases = ["Dear Sir", "I am the best"] };
        change?.Invoke(o);
        return new DraftChecks(Options.Create(o));
    }

    private static async Task<Dictionary<string, CheckItem>> Run(string text, Action<DraftingOptions>? change = null) =>
        (
            await Checks(change)
                .ChecklistAsync(new DraftCheckInput(text, "Fix Stripe webhook retries", ["C#", "Stripe"]))
        ).ToDictionary(c => c.Code);

    [Fact]
    public async Task A_good_draft_passes_every_check_and_the_checklist_lists_them_all()
    {
        var list = await Run(Good);
        Assert.Equal(DraftChecks.All.Select(c => c.Code), list.Keys);
        Assert.All(list.Values, c => Assert.True(c.Passed, $"{c.Code}: {c.Message}"));
    }

    [Fact]
    public async Task Length_is_limited_to_the_configured_phone_friendly_maximum()
    {
        var failed = (await Run(Good + new string('x', 1200)))["length"];
        Assert.False(failed.Passed);
        Assert.Contains("1200", failed.Message, StringComparison.Ordinal);
        Assert.False((await Run(Good, o => o.MaxLength = 50))["length"].Passed);
    }

    [Fact]
    public async Task The_opening_must_be_short()
    {
        var longOpening = "Hi there, your Stripe webhook post " + new string('a', 200) + "\n\nrest";
        Assert.False((await Run(longOpening))["opening"].Passed);
        Assert.True((await Run(Good))["opening"].Passed);
    }

    [Theory]
    [InlineData("Hi there, I am a developer with many years of experience.\n\nThanks.", false)]
    [InlineData("Hi there, I know Stripe well.\n\nMore.", true)]
    [InlineData("Hi there, retries that fail silently are my favourite bug.\n\nMore.", true)]
    public async Task The_opening_must_mention_something_from_the_job(string text, bool passes) =>
        Assert.Equal(passes, (await Run(text))["specific"].Passed);

    [Fact]
    public async Task At_most_one_proof_link()
    {
        Assert.True((await Run(Good))["proof"].Passed);
        var two = Good + "\nAlso https://example.com/portfolio";
        var check = (await Run(two))["proof"];
        Assert.False(check.Passed);
        Assert.StartsWith("2 links", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unfilled_placeholders_are_named()
    {
        var check = (await Run(Good + "\n{{proof_link}} {{ client_name }}"))["placeholders"];
        Assert.False(check.Passed);
        Assert.Contains("{{proof_link}}", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Banned_phrases_are_found_case_insensitively()
    {
        var check = (await Run("dear sir, Stripe webhook retries.\n\nI AM THE BEST."))["banned"];
        Assert.False(check.Passed);
        Assert.Contains("\"Dear Sir\"", check.Message, StringComparison.Ordinal);
        Assert.Contains("\"I am the best\"", check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Write to ada@example.com", false)]
    [InlineData("Call +1 (415) 555-0134 anytime", false)]
    [InlineData("Ping me on WhatsApp", false)]
    [InlineData("My telegram is @ada", false)]
    [InlineData("Worked there 2019-2024 on 3 projects", true)]
    [InlineData("Budget $1,200 for 40 hours", true)]
    public async Task Off_platform_contact_details_are_refused(string line, bool passes) =>
        Assert.Equal(passes, (await Run(Good + "\n" + line))["contact"].Passed);

    [Fact]
    public void The_preview_is_the_opening_cut_at_the_limit()
    {
        Assert.Equal("Hi there, your…", DraftChecks.Preview("Hi there, your Stripe", 14));
        Assert.Equal("One line two", DraftChecks.Preview("One\nline   two", 200));
    }
}
