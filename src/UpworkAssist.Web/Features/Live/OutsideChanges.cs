using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Live;

/// <summary>
/// PostgreSQL with several instances (docs/adr/0007): the live pages of this instance hear of
/// matches, triage, drafts and proposals stored through another. <see cref="LiveChangeWatch"/> sees
/// only this process's saves; when <see cref="StoreVersion"/> learns that another instance wrote,
/// this reads a small fingerprint of the store (newest match id, latest status change, latest
/// draft and proposal update) and publishes a generic change for each topic whose part moved. A
/// generic change names no match, so pages refresh their counts and regions but mark no conflict;
/// the queue's "N new" count is read from the store on every change anyway. Another instance's
/// poll rounds write request-log rows every few seconds: comparing the fingerprint keeps those
/// from refreshing every open page. Bound: the sequence read (about 2 s) plus this one read.
/// </summary>
public sealed class OutsideChanges(
    StoreWrites writes,
    ILiveChanges changes,
    IServiceScopeFactory scopes,
    StoreProvider store,
    IHostApplicationLifetime lifetime,
    ILogger<OutsideChanges> logger
) : BackgroundService
{
    private sealed record Fingerprint(
        long Match,
        DateTimeOffset? Triage,
        DateTimeOffset? Draft,
        DateTimeOffset? Proposal
    );

    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // On SQLite this process is the only writer: its own saves already publish.
        if (!store.IsPostgres)
            return;
        // The store is migrated once the application has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
        writes.WrittenOutside += OnWrittenOutside;
        try
        {
            Fingerprint? last = null;
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = await ReadAsync(stoppingToken);
                if (now is not null && last is not null)
                    changes.Publish(Moved(last, now));
                last = now ?? last;
                await _wake.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            writes.WrittenOutside -= OnWrittenOutside;
        }
    }

    // On the sequence reader's thread: only take note; a burst of signals becomes one read.
    private void OnWrittenOutside()
    {
        if (_wake.CurrentCount > 0)
            return;
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the next read covers this write too.
        }
    }

    private static List<LiveChange> Moved(Fingerprint before, Fingerprint now)
    {
        var list = new List<LiveChange>();
        if (now.Match != before.Match)
            list.Add(new LiveChange(0, LiveTopic.Matches));
        if (now.Triage != before.Triage)
            list.Add(new LiveChange(0, LiveTopic.Triage));
        if (now.Draft != before.Draft)
            list.Add(new LiveChange(0, LiveTopic.Drafts));
        if (now.Proposal != before.Proposal)
            list.Add(new LiveChange(0, LiveTopic.Proposals));
        return list;
    }

    private async Task<Fingerprint?> ReadAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return new Fingerprint(
                await db.Matches.MaxAsync(m => (long?)m.Id, ct) ?? 0,
                await db.Matches.MaxAsync(m => m.StatusChangedAt, ct),
                await db.Drafts.MaxAsync(d => (DateTimeOffset?)d.UpdatedAt, ct),
                await db.Proposals.MaxAsync(p => (DateTimeOffset?)p.UpdatedAt, ct)
            );
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Freshness only: a store that is briefly away leaves pages to their next load.
            logger.LogWarning(ex, "Could not read the store for other instances' live changes");
            return null;
        }
    }
}
