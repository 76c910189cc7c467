using System.Globalization;
using UpworkAssist.Core;
using UpworkAssist.Core.Json;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Core.Rules;

namespace UpworkAssist.Cli;

/// <summary>
/// `upwork-assist match --lanes LANES.json --jobs JOBS.json [--now ISO]`: every (job, lane)
/// decision as JSON Lines. Everything is read and validated before the first line is written,
/// so bad input leaves stdout empty.
/// </summary>
internal static class MatchCommand
{
    public static int Run(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        string? lanesPath = null,
            jobsPath = null,
            nowText = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--lanes" when value is not null:
                    lanesPath = value;
                    i++;
                    break;
                case "--jobs" when value is not null:
                    jobsPath = value;
                    i++;
                    break;
                case "--now" when value is not null:
                    nowText = value;
                    i++;
                    break;
                default:
                    return Fail(
                        stderr,
                        $"unexpected argument '{args[i]}'. Usage: upwork-assist match --lanes LANES.json --jobs "
                            + $"JOBS.json [--now ISO]"
                    );
            }
        }

        if (lanesPath is null || jobsPath is null)
        {
            return Fail(
                stderr,
                "both --lanes and --jobs are required. Usage: upwork-assist match --lanes LANES.json --jobs "
                    + "JOBS.json [--now ISO]"
            );
        }

        DateTimeOffset now = clock.GetUtcNow();
        if (
            nowText is not null
            && !DateTimeOffset.TryParse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out now)
        )
        {
            return Fail(stderr, $"--now: expected an ISO-8601 date-time such as 2026-11-28T00:00:00Z, got '{nowText}'");
        }

        if (
            InputFile.Read(lanesPath, stderr, static bytes => LaneJson.Read(bytes, maxErrors: 1)) is not { } lanes
            || InputFile.ReadBytes(jobsPath, stderr) is not { } jobsJson
        )
        {
            return CommandLine.BadInput;
        }

        CompiledLaneSet laneSet = CompiledLaneSet.Compile(lanes);

        // Decisions are produced while the jobs are read, but kept in memory until the whole
        // file has proven valid: bad input must leave stdout empty.
        var output = new DecisionLineWriter.Spool();
        IReadOnlyList<ValidationError> errors;
        using (var lines = new DecisionLineWriter(output, laneSet.Lanes))
        {
            errors = MatchPipeline.Run(jobsJson, laneSet, now, lines);
        }

        if (errors.Count > 0)
        {
            stderr.WriteLine(errors[0].ToString(jobsPath));
            return CommandLine.BadInput;
        }

        CommandLine.WriteUtf8(stdout, output.WriteTo);
        return CommandLine.Ok;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"upwork-assist match: {message}");
        return CommandLine.BadInput;
    }
}

/// <summary>Reads an input file and reports its first problem as "FILE: path: message".</summary>
internal static class InputFile
{
    public delegate JsonReadResult<T> Reader<T>(ReadOnlySpan<byte> utf8Json);

    /// <summary>The items, or null after writing the file's errors to <paramref name="stderr"/>, one a line.</summary>
    public static IReadOnlyList<T>? Read<T>(string path, TextWriter stderr, Reader<T> read)
    {
        if (ReadBytes(path, stderr) is not { } bytes)
        {
            return null;
        }

        JsonReadResult<T> result = read(bytes);
        foreach (ValidationError error in result.Errors)
        {
            stderr.WriteLine(error.ToString(path));
        }

        return result.IsValid ? result.Items : null;
    }

    public static byte[]? ReadBytes(string path, TextWriter stderr)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception error)
            when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"{path}: cannot read the file: {error.Message}");
            return null;
        }
    }
}
