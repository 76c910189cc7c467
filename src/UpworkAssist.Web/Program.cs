using Serilog;
using UpworkAssist.Web;
using UpworkAssist.Web.Features.Logging;

// Two-stage logging: anything that fails before configuration is read still reaches the console.
LoggingSetup.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddUpworkAssist();

    var app = builder.Build();
    app.UseUpworkAssist();
    await app.RunAsync();
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "UpworkAssist could not start: {Reason}", ex.Message);
    Environment.ExitCode = 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

public partial class Program;
