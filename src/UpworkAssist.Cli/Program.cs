using System.Text;
using UpworkAssist.Cli;

// stdout is one buffered UTF-8 stream: `match` writes millions of lines through it.
using var stdout = new StreamWriter(
    Console.OpenStandardOutput(),
    new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
    1 << 16
);
int exitCode = CommandLine.Run(args, stdout, Console.Error);
stdout.Flush();
return exitCode;
