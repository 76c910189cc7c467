using UpworkAssist.Core.Lanes;

namespace UpworkAssist.Cli;

/// <summary>`upwork-assist lanes validate FILE`: checks a lanes file and lists every error.</summary>
internal static class LanesCommand
{
    public static int Run(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args is not ["validate", string path])
        {
            stderr.WriteLine("upwork-assist lanes: usage: upwork-assist lanes validate FILE");
            return CommandLine.BadInput;
        }

        if (InputFile.Read(path, stderr, static bytes => LaneJson.Read(bytes)) is not { } lanes)
        {
            return CommandLine.BadInput;
        }

        stdout.WriteLine($"{path}: ok, {lanes.Count} {(lanes.Count == 1 ? "lane" : "lanes")}");
        return CommandLine.Ok;
    }
}
