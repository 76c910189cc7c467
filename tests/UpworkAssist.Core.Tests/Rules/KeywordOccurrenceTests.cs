namespace UpworkAssist.Core.Tests.Rules;

/// <summary>RULES.md "Keyword occurrence", through the compiled engine.</summary>
public class KeywordOccurrenceTests
{
    [Theory]
    // The examples of RULES.md.
    [InlineData("node", "node.js")]
    [InlineData("c#", "c#/.net")]
    [InlineData(".net", "asp.net")]
    [InlineData("full stack", "Full   Stack dev")]
    // More: case, punctuation, positions, Unicode.
    [InlineData("java", "Java")]
    [InlineData("java", "(java)")]
    [InlineData("java", "java, kotlin")]
    [InlineData("java", "I like java")]
    [InlineData("react native", "React Native app")]
    [InlineData("c++", "C++ and Rust")]
    [InlineData("c#", "Senior C# dev")]
    [InlineData("asp.net core", "an ASP.NET Core API")]
    [InlineData("ｊａｖａ", "java developer")] // a fullwidth keyword normalizes to ASCII
    [InlineData("java", "ｊａｖａ developer")] // and so does fullwidth text
    [InlineData("ui/ux", "UI/UX designer")]
    [InlineData("café", "Cafe\u0301 owner")] // the text's combining accent composes
    [InlineData("données", "des DONNÉES")]
    [InlineData("日本語", "日本語 テキスト")]
    [InlineData("#hashtag", "tag#hashtag")] // first character not a letter or digit: no boundary needed before
    [InlineData("-dev", "front-dev")]
    [InlineData("go", "go")]
    [InlineData("2d", "2d games")]
    [InlineData("node", "node1.node")] // the second one counts
    public void Occurs(string keyword, string text)
    {
        Assert.True(Samples.Occurs(keyword, text));
    }

    [Theory]
    [InlineData("java", "javascript")] // RULES.md
    [InlineData("java", "myjava")]
    [InlineData("java", "java8")] // digits are word characters too
    [InlineData("net", "asp.net2")]
    [InlineData("full stack", "full-stack")] // a phrase is matched as a whole
    [InlineData("full stack", "stack full")]
    [InlineData("react native", "react and native")]
    [InlineData("c", "cc")]
    [InlineData("日本語", "日本語のテキスト")] // CJK characters are letters, so no boundary follows the keyword
    [InlineData("𝐣𝐚𝐯𝐚", "javascript")] // mathematical bold letters (outside the BMP) normalize to "java"
    [InlineData("go", "google")]
    [InlineData("é", "café")]
    [InlineData("java", "")]
    public void Does_not_occur(string keyword, string text)
    {
        Assert.False(Samples.Occurs(keyword, text));
    }

    [Fact]
    public void Last_character_not_a_letter_needs_no_boundary_after()
    {
        Assert.True(Samples.Occurs("c#", "c#net"));
        Assert.True(Samples.Occurs("node.", "node.js"));
        Assert.True(Samples.Occurs("c", "c#")); // '#' is not a letter or digit
    }

    [Fact]
    public void Overlapping_keywords_are_all_found()
    {
        var lane = Samples.BaseLane with { NegativeKeywords = ["asp.net", ".net", "net core", "asp.net core"] };
        var set = UpworkAssist.Core.Rules.CompiledLaneSet.Compile([lane]);
        var decision = set.Evaluate(
            Samples.BaseJob with
            {
                Title = "ASP.NET Core",
                Description = "",
                Skills = [],
            },
            Samples.Now
        )[0];
        Assert.Equal(
            [".net", "asp.net", "asp.net core", "net core"],
            decision.Evidence.Single().Terms.Order(StringComparer.Ordinal)
        );
    }

    [Fact]
    public void A_keyword_never_spans_title_and_description()
    {
        var lane = Samples.BaseLane with { IncludeKeywords = ["api we"] };
        Assert.Contains(
            "keyword_missing",
            Samples.Reasons(lane, Samples.BaseJob with { Title = "Build an API", Description = "We need" })
        );
        Assert.DoesNotContain(
            "keyword_missing",
            Samples.Reasons(lane, Samples.BaseJob with { Title = "", Description = "an API we need" })
        );
    }
}
