using System.Data.Common;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Cli;

/// <summary>`upwork-assist store copy`: moves a SQLite store to PostgreSQL (docs/operations.md).</summary>
internal static class StoreCommand
{
    public const int Failed = 1;
    public const int Refused = 3;
    public const int Mismatch = 4;

    private const string Usage =
        "upwork-assist store: usage: upwork-assist store copy --from \"<sqlite connection string>\" "
        + "--to \"<postgres connection string>\" [--keys DIR]";

    public static int Run(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args is not ["copy", .. var options] || Options(options) is not { } request)
        {
            stderr.WriteLine(Usage);
            return CommandLine.BadInput;
        }

        StoreCopyResult result;
        try
        {
            // The command is one synchronous program; the copy is asynchronous only for its I/O.
            result = new StoreCopy(stderr).RunAsync(request).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException or IOException)
        {
            stderr.WriteLine($"upwork-assist store copy: {ex.Message}");
            return Failed;
        }

        if (result.Tables.Count > 0)
            Print(result.Tables, stdout);
        (result.Outcome == StoreCopyOutcome.Copied ? stdout : stderr).WriteLine(result.Message);
        return result.Outcome switch
        {
            StoreCopyOutcome.Copied => CommandLine.Ok,
            StoreCopyOutcome.Refused => Refused,
            _ => Mismatch,
        };
    }

    private static StoreCopyRequest? Options(ReadOnlySpan<string> args)
    {
        string? from = null,
            to = null,
            keys = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--from":
                    from = args[i + 1];
                    break;
                case "--to":
                    to = args[i + 1];
                    break;
                case "--keys":
                    keys = args[i + 1];
                    break;
                default:
                    return null;
            }
        }
        return args.Length % 2 == 0 && from is { Length: > 0 } && to is { Length: > 0 }
            ? new StoreCopyRequest(from, to, keys)
            : null;
    }

    // Counts in full, checksums shortened: enough to compare by eye, the match is checked in full.
    private static void Print(IReadOnlyList<TableCheck> tables, TextWriter stdout)
    {
        var width = Math.Max(5, tables.Max(t => t.Table.Length));
        stdout.WriteLine(
            $"{"table".PadRight(width)}  {"source", 10}  {"target", 10}  {"source sha256", -16}  "
                + $"{"target sha256", -16}  ok"
        );
        foreach (var t in tables)
        {
            stdout.WriteLine(
                $"{t.Table.PadRight(width)}  {t.SourceRows, 10}  {t.TargetRows, 10}  "
                    + $"{t.SourceChecksum[..16]}  {t.TargetChecksum[..16]}  {(t.Matches ? "yes" : "NO")}"
            );
        }
    }
}
