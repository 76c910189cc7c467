using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Live;

/// <summary>
/// Publishes a change for every committed save that added or changed a match, a draft or a
/// proposal. One hook on the store, so the matcher, triage, the snooze job, drafting and the
/// pipeline need no code of their own to be live; the entries are noted before the save (when
/// their state is known) and published after it succeeded (when new rows have their ids).
/// </summary>
public sealed class LiveChangeWatch(ILiveChanges changes) : SaveChangesInterceptor
{
    private sealed record Noted(LiveTopic Topic, object Entity);

    private readonly ConditionalWeakTable<DbContext, List<Noted>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Publish(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        Publish(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(
        DbContextErrorEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
            return;
        var noted = new List<Noted>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
                continue;
            LiveTopic? topic = entry.Entity switch
            {
                Match => entry.State == EntityState.Added ? LiveTopic.Matches : LiveTopic.Triage,
                Draft => LiveTopic.Drafts,
                Proposal => LiveTopic.Proposals,
                _ => null,
            };
            if (topic is { } t)
                noted.Add(new Noted(t, entry.Entity));
        }
        if (noted.Count > 0)
            _pending.AddOrUpdate(context, noted);
    }

    private void Publish(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var noted))
            return;
        _pending.Remove(context);
        var list = new List<LiveChange>();
        // A batch of new matches is one change: pages count them, they need not hear of each.
        if (noted.Any(n => n.Topic == LiveTopic.Matches))
            list.Add(new LiveChange(0, LiveTopic.Matches));
        foreach (var n in noted.Where(n => n.Topic == LiveTopic.Triage).Select(n => (Match)n.Entity))
        {
            list.Add(
                new LiveChange(0, LiveTopic.Triage)
                {
                    MatchId = n.Id,
                    MatchVersion = n.Version,
                    ChangedBy = n.StatusChangedBy,
                    AssigneeId = n.AssigneeId,
                }
            );
        }
        foreach (var topic in new[] { LiveTopic.Drafts, LiveTopic.Proposals }.Where(t => noted.Any(n => n.Topic == t)))
        {
            list.Add(new LiveChange(0, topic));
        }
        changes.Publish(list);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            _pending.Remove(context);
    }
}
