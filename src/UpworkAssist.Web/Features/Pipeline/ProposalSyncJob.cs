namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>
/// Hangfire's minute tick: it runs the sync only when the Admin has enabled it and their interval
/// has passed, so the interval is a setting on a page rather than a cron expression.
/// </summary>
public sealed class ProposalSyncJob(ProposalSync sync)
{
    public const string Id = "proposal-sync";

    public Task RunAsync(CancellationToken ct) => sync.RunIfDueAsync(ct);
}
