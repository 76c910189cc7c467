using System.Diagnostics;

namespace UpworkAssist.Core.Tests.Cli;

/// <summary>
/// The built `upwork-assist` program run as a real process: the console streams, ICU normalization and exit codes.
/// </summary>
public sealed class ProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("upwork-assist-process-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int Code, string Out, string Err) RunProcess(params string[] args)
    {
        // The CLI project is referenced by the tests, so its build output sits next to this assembly.
        string dll = Path.Combine(AppContext.BaseDirectory, "upwork-assist.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Match_runs_as_a_process()
    {
        string lanes = Path.Combine(_directory, "lanes.json");
        string jobs = Path.Combine(_directory, "jobs.json");
        File.WriteAllText(lanes, MatchCommandTests.Lanes);
        File.WriteAllText(jobs, MatchCommandTests.Jobs);

        var (code, stdout, stderr) = RunProcess(
            "match",
            "--lanes",
            lanes,
            "--jobs",
            jobs,
            "--now",
            "2026-11-28T00:00:00Z"
        );

        Assert.Equal((0, ""), (code, stderr));
        // The fullwidth "ｒｅａｃｔ" only matches if NFKC works in the shipped program.
        Assert.Equal(MatchCommandTests.ExpectedOutput.ReplaceLineEndings("\n"), stdout);
    }

    [Fact]
    public void Bad_input_exits_2_as_a_process()
    {
        string lanes = Path.Combine(_directory, "lanes.json");
        File.WriteAllText(lanes, "[{\"id\":\"a\",\"name\":\"A\"},{\"id\":\"a\",\"name\":\"B\"}]");

        var (code, stdout, stderr) = RunProcess("lanes", "validate", lanes);

        Assert.Equal((2, ""), (code, stdout));
        Assert.Equal($"{lanes}: [1].id: duplicate lane id 'a' (first used at [0])", stderr.Trim());
    }
}
