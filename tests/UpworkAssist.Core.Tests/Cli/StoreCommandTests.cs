namespace UpworkAssist.Core.Tests.Cli;

/// <summary>`store copy`'s arguments and refusals; the copy itself is tested on PostgreSQL in the Web tests.</summary>
public class StoreCommandTests
{
    [Theory]
    [InlineData("store")]
    [InlineData("store", "copy", "--from", "a.db")]
    [InlineData("store", "copy", "--from", "a.db", "--to")]
    [InlineData("store", "copy", "--from", "a.db", "--to", "Host=x", "--what", "y")]
    [InlineData("store", "move", "--from", "a.db", "--to", "Host=x")]
    public void Bad_arguments_exit_2_with_the_usage(params string[] args)
    {
        var (code, stdout, stderr) = CommandLineTests.Run(args);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("store copy --from", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_sqlite_store_is_refused_with_exit_3()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("n"), "store.db");
        var (code, stdout, stderr) = CommandLineTests.Run(
            "store",
            "copy",
            "--from",
            missing,
            "--to",
            "Host=127.0.0.1;Database=unused"
        );
        Assert.Equal(3, code);
        Assert.Empty(stdout);
        Assert.Contains("no SQLite store", stderr, StringComparison.Ordinal);
    }
}
