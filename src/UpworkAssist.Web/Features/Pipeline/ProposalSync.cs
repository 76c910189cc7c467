using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>What one sync did; Error is set when it stopped and changed nothing.</summary>
public sealed record SyncOutcome(bool Ran, int Seen, int Linked, int Outside, int Moves, string? Error = null)
{
    public static readonly SyncOutcome NotDue = new(false, 0, 0, 0, 0);

    public string Summary =>
        Error
        ?? string.Create(
            CultureInfo.InvariantCulture,
            $"{Seen} on the marketplace, {Linked} newly linked, {Outside} sent outside UpworkAssist, {Moves} stage "
                + $"changes"
        );
}

/// <summary>
/// The read-only proposal sync: reads `vendorProposals` for every status (a query, through the
/// feed's client and its guard), keeps each as the team's own record, links it to the recorded
/// Proposal, records the ones sent outside UpworkAssist, and moves stages from the facts
/// (docs/pipeline.md "Sync from the marketplace"). It never writes to the marketplace.
/// </summary>
public sealed class ProposalSync(
    AppDbContext db,
    IServiceProvider services,
    AuditLog audit,
    IOptionsMonitor<UpworkOptions> upwork,
    TimeProvider clock,
    ILogger<ProposalSync> logger
)
{
    /// <summary>
    /// Pages one status may read in one run; more than this many proposals in one status is past any human pace.
    /// </summary>
    public const int MaxPagesPerStatus = 40;

    public async Task<ProposalSyncSettings> SettingsAsync(CancellationToken ct) =>
        await db.ProposalSyncSettings.SingleOrDefaultAsync(s => s.Id == 1, ct)
        ?? db.ProposalSyncSettings.Add(new ProposalSyncSettings()).Entity;

    /// <summary>Runs when enabled and the Admin's interval has passed since the last run.</summary>
    public async Task<SyncOutcome> RunIfDueAsync(CancellationToken ct)
    {
        var settings = await SettingsAsync(ct);
        var now = clock.GetUtcNow();
        var due =
            settings.Enabled
            && (settings.LastRunAt is not { } last || now - last >= TimeSpan.FromMinutes(settings.IntervalMinutes));
        return due ? await RunAsync(null, ct) : SyncOutcome.NotDue;
    }

    /// <summary>
    /// Runs now ("Sync now", or the schedule); <paramref name="user"/> is whoever asked, null for the schedule.
    /// </summary>
    public async Task<SyncOutcome> RunAsync(ClaimsPrincipal? user, CancellationToken ct)
    {
        var settings = await SettingsAsync(ct);
        var now = clock.GetUtcNow();
        settings.LastRunAt = now;
        List<SyncedProposal> seen;
        bool complete;
        try
        {
            (seen, complete) = await ReadAllAsync(ProposalSources.For(services), ct);
        }
        catch (FeedException ex)
        {
            logger.LogWarning("Proposal sync failed: {Reason}", ex.Message);
            settings.LastError = Clip($"{ex.Failure}: {ex.Message}", 500);
            audit.Add(AuditActions.ProposalSyncFailed, "proposal_sync", "1", settings.LastError, user);
            await db.SaveChangesAsync(ct);
            return new SyncOutcome(true, 0, 0, 0, 0, settings.LastError);
        }
        var source = ProposalSources.For(services);
        var outcome = await new SyncApply(db, audit, now).ApplyAsync(seen, source.NamesTeamUsers, ct);
        settings.LastError = null;
        settings.LastSummary = Clip(outcome.Summary, 300);
        if (complete)
        {
            settings.LastCompleteAt = now;
        }
        audit.Add(AuditActions.ProposalSyncRan, "proposal_sync", "1", outcome.Summary, user);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    private async Task<(List<SyncedProposal>, bool Complete)> ReadAllAsync(IProposalSource source, CancellationToken ct)
    {
        var first = Math.Clamp(upwork.CurrentValue.PageSize, 1, 100);
        var byId = new Dictionary<string, SyncedProposal>(StringComparer.Ordinal);
        var complete = true;
        foreach (var status in VendorProposals.Statuses)
        {
            var after = "0";
            for (var page = 1; ; page++)
            {
                var reply = await source.PageAsync(status, after, first, ct);
                foreach (var p in reply.Proposals)
                {
                    byId[p.Id] = p; // overlapping pages repeat proposals; the id is the key
                }
                if (!reply.HasNextPage || reply.EndCursor is not { Length: > 0 } next || next == after)
                {
                    break;
                }
                if (page >= MaxPagesPerStatus)
                {
                    complete = false;
                    break;
                }
                after = next;
            }
        }
        return (byId.Values.ToList(), complete);
    }

    private static string Clip(string text, int max) => text.Length > max ? text[..max] : text;
}
