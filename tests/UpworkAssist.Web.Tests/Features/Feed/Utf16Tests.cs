using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Tests.Features.Feed;

public sealed class Utf16Tests
{
    // In code, not [InlineData]: a test case's arguments are serialised as UTF-8, which turns a lone
    // surrogate into U+FFFD before the test sees it.
    private static readonly (string Text, string Expected)[] Cases =
    [
        ("", ""),
        ("plain text", "plain text"),
        ("a\0b", "a\uFFFDb"),
        ("\0", "\uFFFD"),
        ("pair \uD83D\uDE00 kept", "pair \uD83D\uDE00 kept"),
        ("lone high \uD83D end", "lone high \uFFFD end"),
        ("lone low \uDE00 end", "lone low \uFFFD end"),
        ("high at the end \uD83D", "high at the end \uFFFD"),
        ("\uDE00\uD83D", "\uFFFD\uFFFD"),
        ("high before NUL \uD83D\0", "high before NUL \uFFFD\uFFFD"),
        ("\uD83D\uD83D\uDE00", "\uFFFD\uD83D\uDE00"),
    ];

    [Fact]
    public void Repair_replaces_every_NUL_and_lone_surrogate_and_keeps_pairs()
    {
        foreach (var (text, expected) in Cases)
        {
            Assert.Equal(expected, Utf16.Repair(text));
            Assert.Equal(text == expected, Utf16.IsValid(text));
            Assert.True(Utf16.IsValid(Utf16.Repair(text)));
        }
    }

    [Fact]
    public void Text_that_needs_no_repair_comes_back_as_the_same_instance()
    {
        var text = new string('x', 5000) + "\uD83D\uDE00" + new string('y', 5000);
        Assert.Same(text, Utf16.Repair(text));
    }

    /// <summary>
    /// The search is vectorised; the reference is the plain loop over every code unit it replaced.
    /// Long runs of ordinary text put the bad unit at every offset within and across vector widths.
    /// </summary>
    [Fact]
    public void Repair_matches_a_loop_over_every_code_unit_on_random_text()
    {
        var random = new Random(20261201);
        char[] rare = ['\0', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00', '\uD7FF', '\uE000', '\uFFFD'];
        for (var round = 0; round < 5000; round++)
        {
            var chars = new char[random.Next(0, 300)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(40) == 0 ? rare[random.Next(rare.Length)] : (char)random.Next(0x20, 0x3000);
            }
            var text = new string(chars);
            Assert.Equal(Reference(text), Utf16.Repair(text));
        }
    }

    private static string Reference(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '\0')
            {
                chars[i] = Utf16.Replacement;
            }
            else if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = Utf16.Replacement;
            }
        }
        return new string(chars);
    }
}
