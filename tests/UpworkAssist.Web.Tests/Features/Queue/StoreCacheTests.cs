using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Queue;

/// <summary>
/// The queue's counts and lists are cached for speed; every kind of write must still show on the next view.
/// </summary>
public sealed class StoreCacheTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Counts_follow_saves_bulk_updates_and_raw_deletes_without_waiting()
    {
        await QueueSeed.MatchesAsync(
            _app,
            "dotnet",
            QueueSeed.Posting(_app, "~a", "A"),
            QueueSeed.Posting(_app, "~b", "B")
        );
        var lead = await _app.SignedInAsync("Lead");
        Assert.Contains(".NET and C# backends (2)", await lead.GetStringAsync("/Queue"), StringComparison.Ordinal);
        Assert.Contains(".NET and C# backends (2)", await lead.GetStringAsync("/Queue"), StringComparison.Ordinal);

        // SaveChanges (a new match, as ingest makes it)
        await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~c", "C"));
        Assert.Contains(".NET and C# backends (3)", await lead.GetStringAsync("/Queue"), StringComparison.Ordinal);

        // ExecuteUpdate (a set-based change)
        await _app.WithDbAsync(db =>
            db.Matches.Where(m => m.PostingId == "~a")
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MatchStatus.Dismissed))
        );
        var afterUpdate = await lead.GetStringAsync("/Queue");
        Assert.Contains("Dismissed (1)", afterUpdate, StringComparison.Ordinal);
        Assert.Contains(".NET and C# backends (2)", afterUpdate, StringComparison.Ordinal);

        // Raw SQL (as the retention purge deletes postings, and their matches with them)
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM Postings WHERE Id = '~b'"));
        var html = await lead.GetStringAsync("/Queue");
        Assert.Contains(".NET and C# backends (1)", html, StringComparison.Ordinal);
        Assert.Contains("Dismissed (1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assignees_lanes_and_saved_views_follow_writes_without_waiting()
    {
        var lead = await _app.SignedInAsync("Lead");
        Assert.DoesNotContain(">newbie</option>", await lead.GetStringAsync("/Queue"), StringComparison.Ordinal);

        await _app.CreateUserAsync("newbie@example.test", "Freelancer");
        Assert.Contains(">newbie</option>", await lead.GetStringAsync("/Queue"), StringComparison.Ordinal);

        await _app.WithDbAsync(db =>
            db.Lanes.Where(l => l.Id == "react").ExecuteUpdateAsync(s => s.SetProperty(l => l.Name, "React, renamed"))
        );
        Assert.Contains("React, renamed (", await lead.GetStringAsync("/Queue"), StringComparison.Ordinal);

        await lead.SubmitToAsync("/Queue", "/Queue?handler=SavePreset", ("Name", "Mine"), ("Query", "?assignee=me"));
        Assert.Contains(">Mine</a>", await lead.GetStringAsync("/Queue"), StringComparison.Ordinal);
    }
}
