using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// Daily: drops per-request rows older than <see cref="ComplianceOptions.RequestLogRetention"/>; the day counters stay.
/// </summary>
public sealed class RequestLogPrune(
    AppDbContext db,
    IOptionsMonitor<ComplianceOptions> options,
    TimeProvider clock,
    ILogger<RequestLogPrune> logger
)
{
    public const string Id = "compliance-request-log-prune";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var deleted = await RequestLog.PruneAsync(db, clock.GetUtcNow() - options.CurrentValue.RequestLogRetention, ct);
        if (deleted > 0)
        {
            logger.LogInformation(
                "Request log: pruned {Deleted} rows older than {Retention}",
                deleted,
                options.CurrentValue.RequestLogRetention
            );
        }
        return deleted;
    }
}
