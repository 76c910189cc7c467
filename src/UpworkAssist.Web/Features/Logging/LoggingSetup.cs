using Serilog;
using Serilog.Formatting.Compact;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Logging;

public static class LoggingSetup
{
    /// <summary>First stage: a console logger that catches start-up failures before configuration is read.</summary>
    public static void CreateBootstrapLogger() =>
        Log.Logger = new LoggerConfiguration()
            .Enrich.With<SecretRedaction>()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateBootstrapLogger();

    /// <summary>
    /// Second stage: levels from configuration (`Serilog:MinimumLevel`), console, and a rolling
    /// compact-JSON file under data/logs. Sinks registered in DI (tests) are picked up as well.
    /// Redaction runs last so nothing an enricher adds escapes it. The static bootstrap logger is
    /// kept for failures outside the host, so two hosts in one process (tests) never share sinks.
    /// </summary>
    public static IServiceCollection AddAppLogging(
        this IServiceCollection services,
        IConfiguration configuration,
        DataPaths paths
    ) =>
        services.AddSerilog(
            (sp, lc) =>
                lc
                    .ReadFrom.Configuration(configuration)
                    .ReadFrom.Services(sp)
                    .Enrich.FromLogContext()
                    .Enrich.With<SecretRedaction>()
                    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                    .WriteTo.File(
                        new CompactJsonFormatter(),
                        Path.Combine(paths.Logs, "upworkassist-.clef"),
                        rollingInterval: RollingInterval.Day,
                        retainedFileCountLimit: 14,
                        fileSizeLimitBytes: 50 * 1024 * 1024,
                        rollOnFileSizeLimit: true
                    ),
            preserveStaticLogger: true
        );
}
