using UpworkAssist.Cli;

namespace UpworkAssist.Core.Tests.Cli;

/// <summary>
/// `upwork-assist match` and `lanes validate` end to end through <see cref="CommandLine.Run(string[], TextWriter,
/// TextWriter)"/>.
/// </summary>
public sealed class MatchCommandTests : IDisposable
{
    internal const string Lanes = """
        [
          {"id":"dotnet","name":".NET","jobTypes":["fixed"],"minFixedBudget":500,
           "includeKeywords":["c#",".net"],"negativeKeywords":["wordpress"]},
          {"id":"react","name":"React","includeKeywords":["react"],"maxAgeMinutes":60}
        ]
        """;

    internal const string Jobs = """
        [
          {"id":"~01a","title":"C#/.NET API","description":"Also some WordPress","publishedAt":"2026-11-27T23:30:00Z",
           "type":"fixed","fixedBudget":300,"skills":[],"client":{}},
          {"id":"~01b","title":"ｒｅａｃｔ dashboard","description":"","publishedAt":"2026-11-27T23:30:00Z",
           "type":"hourly","skills":["React"],"client":{"country":null}}
        ]
        """;

    internal const string ExpectedOutput = """
        {"jobId":"~01a","laneId":"dotnet","matched":false,"reasons":["budget_below_floor","negative_keyword"]}
        {"jobId":"~01a","laneId":"react","matched":false,"reasons":["keyword_missing"]}
        {"jobId":"~01b","laneId":"dotnet","matched":false,"reasons":["job_type_excluded","keyword_missing"]}
        {"jobId":"~01b","laneId":"react","matched":true,"reasons":[]}

        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("upwork-assist-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string File(string name, string content)
    {
        string path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => CommandLineTests.Run(args);

    [Fact]
    public void Match_prints_one_json_line_per_job_and_lane_in_input_order()
    {
        var (code, stdout, stderr) = Run(
            "match",
            "--lanes",
            File("lanes.json", Lanes),
            "--jobs",
            File("jobs.json", Jobs),
            "--now",
            "2026-11-28T00:00:00Z"
        );
        Assert.Equal((0, ""), (code, stderr));
        Assert.Equal(ExpectedOutput.ReplaceLineEndings("\n"), stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Match_options_may_come_in_any_order_and_now_takes_an_offset()
    {
        var (code, stdout, _) = Run(
            "match",
            "--now",
            "2026-11-28T03:00:00+02:00",
            "--jobs",
            File("jobs.json", Jobs),
            "--lanes",
            File("lanes.json", Lanes)
        );
        Assert.Equal(0, code);
        Assert.Contains(
            "{\"jobId\":\"~01b\",\"laneId\":\"react\",\"matched\":false,\"reasons\":[\"too_old\"]}",
            stdout,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Match_escapes_ids_as_json()
    {
        string lanes = """[{"id":"a\"b","name":"x"}]""";
        string jobs = """
            [{"id":"é\\1","title":"","description":"","publishedAt":"2026-11-27T23:30:00Z","type":"fixed","client":{}}]
            """;
        var (_, stdout, _) = Run(
            "match",
            "--lanes",
            File("l.json", lanes),
            "--jobs",
            File("j.json", jobs),
            "--now",
            "2026-11-28T00:00:00Z"
        );
        Assert.Equal(
            "{\"jobId\":\"é\\\\1\",\"laneId\":\"a\\\"b\",\"matched\":true,\"reasons\":[]}\n",
            stdout.ReplaceLineEndings("\n")
        );
    }

    [Fact]
    public void Match_with_no_jobs_or_no_lanes_prints_nothing_and_succeeds()
    {
        Assert.Equal((0, "", ""), Run("match", "--lanes", File("l.json", "[]"), "--jobs", File("j.json", Jobs)));
        Assert.Equal((0, "", ""), Run("match", "--lanes", File("l.json", Lanes), "--jobs", File("j.json", "[]")));
    }

    public static TheoryData<string, string, string, string> BadInputs =>
        new()
        {
            // kind, file with the problem, its content, expected message after "FILE: "
            { "malformed JSON", "jobs", "[{\"id\":", "[0]: malformed JSON at line 1, byte 8: " },
            {
                "missing required field",
                "jobs",
                Jobs.Replace("\"type\":\"hourly\",", "", StringComparison.Ordinal),
                "[1].type: required field is missing"
            },
            {
                "wrong type",
                "jobs",
                Jobs.Replace("\"fixedBudget\":300", "\"fixedBudget\":\"300\"", StringComparison.Ordinal),
                "[0].fixedBudget: expected a number"
            },
            {
                "wrong type in client",
                "jobs",
                Jobs.Replace("\"client\":{}", "\"client\":{\"totalSpent\":true}", StringComparison.Ordinal),
                "[0].client.totalSpent: expected a number"
            },
            {
                "unknown enum value",
                "jobs",
                Jobs.Replace("\"type\":\"hourly\"", "\"type\":\"daily\"", StringComparison.Ordinal),
                "[1].type: unknown value \"daily\" (expected \"fixed\", \"hourly\")"
            },
            {
                "negative job budget",
                "jobs",
                Jobs.Replace("\"fixedBudget\":300", "\"fixedBudget\":-300", StringComparison.Ordinal),
                "[0].fixedBudget: must not be negative"
            },
            {
                "duplicate lane id",
                "lanes",
                Lanes.Replace("\"id\":\"react\"", "\"id\":\"dotnet\"", StringComparison.Ordinal),
                "[1].id: duplicate lane id 'dotnet' (first used at [0])"
            },
            {
                "negative lane budget",
                "lanes",
                Lanes.Replace("\"minFixedBudget\":500", "\"minFixedBudget\":-500", StringComparison.Ordinal),
                "[0].minFixedBudget: must not be negative"
            },
            {
                "empty keyword",
                "lanes",
                Lanes.Replace("[\"react\"]", "[\"react\", \" \\t \"]", StringComparison.Ordinal),
                "[1].includeKeywords[1]: keyword is empty"
            },
            {
                "unknown lane enum",
                "lanes",
                Lanes.Replace("[\"fixed\"]", "[\"fixed\",\"salaried\"]", StringComparison.Ordinal),
                "[0].jobTypes[1]: unknown value \"salaried\" (expected \"fixed\", \"hourly\")"
            },
            { "not an array", "lanes", "{\"id\":\"x\"}", "expected a JSON array of lanes" },
        };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_2_with_one_message_naming_file_index_and_field_and_nothing_on_stdout(
        string kind,
        string file,
        string content,
        string expected
    )
    {
        string lanes = File("lanes.json", file == "lanes" ? content : Lanes);
        string jobs = File("jobs.json", file == "jobs" ? content : Jobs);
        var (code, stdout, stderr) = Run("match", "--lanes", lanes, "--jobs", jobs, "--now", "2026-11-28T00:00:00Z");
        Assert.True(code == 2, kind);
        Assert.Empty(stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{(file == "lanes" ? lanes : jobs)}: {expected}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_late_in_a_large_file_still_leaves_stdout_empty()
    {
        string job = """
            {"id":"~N","title":"t","description":"d","publishedAt":"2026-11-27T23:30:00Z","type":"fixed","client":{}}
            """;
        var good = Enumerable.Range(0, 3000).Select(i => job.Replace("~N", $"~{i}", StringComparison.Ordinal));
        string jobs = $"[{string.Join(',', good)},{{\"id\":\"bad\"}}]";
        var (code, stdout, stderr) = Run("match", "--lanes", File("l.json", Lanes), "--jobs", File("j.json", jobs));
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("[3000].title: required field is missing", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("match")]
    [InlineData("match", "--lanes")]
    [InlineData("match", "--lanes", "l.json")]
    [InlineData("match", "--lanes", "l.json", "--jobs", "j.json", "--colour")]
    [InlineData("match", "--lanes", "l.json", "--jobs", "j.json", "--now", "soon")]
    [InlineData("lanes")]
    [InlineData("lanes", "check", "x.json")]
    public void Bad_arguments_exit_2_with_a_message(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.NotEmpty(stderr);
    }

    [Fact]
    public void A_missing_file_exits_2_naming_it()
    {
        string missing = Path.Combine(_directory, "nope.json");
        var (code, stdout, stderr) = Run("match", "--lanes", missing, "--jobs", File("j.json", Jobs));
        Assert.Equal((2, ""), (code, stdout));
        Assert.StartsWith($"{missing}: cannot read the file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Lanes_validate_says_ok()
    {
        string path = File("lanes.json", Lanes);
        Assert.Equal((0, $"{path}: ok, 2 lanes", ""), Trimmed(Run("lanes", "validate", path)));
    }

    [Fact]
    public void Lanes_validate_lists_every_error()
    {
        string path = File(
            "lanes.json",
            """[{"id":"a","name":"A","minFixedBudget":-1,"includeKeywords":[""]},{"id":"a"}]"""
        );
        var (code, stdout, stderr) = Run("lanes", "validate", path);
        Assert.Equal((2, ""), (code, stdout));
        Assert.Equal(
            [
                $"{path}: [0].minFixedBudget: must not be negative",
                $"{path}: [0].includeKeywords[0]: keyword is empty",
                $"{path}: [1].name: required field is missing",
                $"{path}: [1].id: duplicate lane id 'a' (first used at [0])",
            ],
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        );
    }

    [Fact]
    public void Help_mentions_the_new_commands()
    {
        var (_, stdout, _) = Run("--help");
        Assert.Contains("match --lanes LANES.json --jobs JOBS.json", stdout, StringComparison.Ordinal);
        Assert.Contains("lanes validate FILE", stdout, StringComparison.Ordinal);
    }

    private static (int, string, string) Trimmed((int Code, string Out, string Err) result) =>
        (result.Code, result.Out.Trim(), result.Err);
}
