using UpworkAssist.Core.Rules;

namespace UpworkAssist.Core.Tests.Rules;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("Full   Stack dev", "full stack dev")]
    [InlineData("  C#/.NET  ", "c#/.net")]
    [InlineData("tab\tand\nnew\r\nlines", "tab and new lines")]
    [InlineData("ｊａｖａ", "java")] // fullwidth letters: NFKC folds them to ASCII
    [InlineData("ＲＥＡＣＴ　Ｎａｔｉｖｅ", "react native")] // fullwidth capitals and an ideographic space
    [InlineData("ﬁle", "file")] // ligature
    [InlineData("Ｃ＃", "c#")]
    [InlineData("ＡＳＰ．ＮＥＴ", "asp.net")]
    [InlineData("non\u00A0breaking", "non breaking")] // NO-BREAK SPACE is white space (and NFKC makes it a space)
    [InlineData("em\u2003space", "em space")]
    [InlineData("x\u2028y", "x y")] // LINE SEPARATOR
    [InlineData("Ünïcödé", "ünïcödé")]
    [InlineData("e\u0301", "\u00E9")] // combining acute composes
    [InlineData("ΣΊΣΥΦΟΣ", "σίσυφοσ")] // invariant lower-casing maps every sigma the same way
    [InlineData("①②", "12")] // circled digits are compatibility characters
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Normalizes_like_rules_md(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Fact]
    public void Returns_the_same_instance_when_already_normalized()
    {
        string text = "already normalized text";
        Assert.Same(text, TextNormalizer.Normalize(text));
    }

    [Fact]
    public void Handles_long_non_ascii_text_that_grows()
    {
        string text = string.Concat(Enumerable.Repeat("ﬃ ", 400));
        Assert.Equal(string.Join(' ', Enumerable.Repeat("ffi", 400)), TextNormalizer.Normalize(text));
    }
}
