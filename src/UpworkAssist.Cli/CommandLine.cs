using System.Text;
using UpworkAssist.Core;

namespace UpworkAssist.Cli;

/// <summary>
/// Dispatches the `upwork-assist` commands. Kept free of a parsing library so that process
/// start stays cheap: `match` is timed with process start included.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int BadInput = 2;

    public const string Usage = """
        upwork-assist: the UpworkAssist command line

        Usage:
          upwork-assist <command> [options]

        Commands:
          match --lanes LANES.json --jobs JOBS.json [--now ISO-8601]
                      evaluate every job against every lane; one JSON line per (job, lane)
                      decision on stdout; --now defaults to the current UTC time
          lanes validate FILE
                      check a lanes file and list every error
          store copy --from SQLITE --to POSTGRES [--keys DIR]
                      copy a SQLite store and its key ring into an empty PostgreSQL
                      database, then compare every table's rows and checksum
          version     print the version
          help        print this help (also --help, -h)

        Exit codes: 0 success, 2 bad input (one message per problem on stderr, nothing on stdout);
        store copy: 1 failed (e.g. unreachable), 3 refused (non-empty target), 4 copy does not match.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, TimeProvider.System);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(clock);
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            stdout.WriteLine(Usage);
            return Ok;
        }

        switch (args[0])
        {
            case "version" or "--version":
                stdout.WriteLine($"{ProductInfo.Name} {ProductInfo.Version}");
                return Ok;
            case "match":
                return MatchCommand.Run(args.AsSpan(1), stdout, stderr, clock);
            case "lanes":
                return LanesCommand.Run(args.AsSpan(1), stdout, stderr);
            case "store":
                return StoreCommand.Run(args.AsSpan(1), stdout, stderr);
            default:
                stderr.WriteLine($"upwork-assist: unknown command '{args[0]}'. Run 'upwork-assist --help'.");
                return BadInput;
        }
    }

    /// <summary>
    /// Lets a command write UTF-8 bytes straight to the stream under <paramref name="stdout"/>
    /// when there is one (the real console), else through a buffer (tests' StringWriter).
    /// </summary>
    internal static void WriteUtf8(TextWriter stdout, Action<Stream> write)
    {
        if (stdout is StreamWriter { Encoding: UTF8Encoding } writer)
        {
            writer.Flush();
            write(writer.BaseStream);
            return;
        }

        using var buffer = new MemoryStream();
        write(buffer);
        stdout.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
