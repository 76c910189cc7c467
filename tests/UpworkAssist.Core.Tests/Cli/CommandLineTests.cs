using UpworkAssist.Cli;
using UpworkAssist.Core;

namespace UpworkAssist.Core.Tests.Cli;

public class CommandLineTests
{
    /// <summary>Runs the CLI in-process and captures what it prints; shared by the CLI tests.</summary>
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Help_lists_the_commands(string flag)
    {
        var (code, stdout, stderr) = Run(flag);
        Assert.Equal(0, code);
        Assert.Contains("version", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Version_prints_the_product_version()
    {
        var (code, stdout, _) = Run("version");
        Assert.Equal(0, code);
        Assert.Equal($"UpworkAssist {ProductInfo.Version}", stdout.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", ProductInfo.Version);
    }

    [Fact]
    public void Unknown_command_exits_2_with_nothing_on_stdout()
    {
        var (code, stdout, stderr) = Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("frobnicate", stderr, StringComparison.Ordinal);
    }
}
