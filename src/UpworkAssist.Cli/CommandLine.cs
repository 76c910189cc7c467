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
          version     print the version
          help        print this help (also --help, -h)
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
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
            default:
                stderr.WriteLine($"upwork-assist: unknown command '{args[0]}'. Run 'upwork-assist --help'.");
                return BadInput;
        }
    }
}
