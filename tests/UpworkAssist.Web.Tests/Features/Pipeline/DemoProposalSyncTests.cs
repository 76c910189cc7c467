using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Pipeline;

/// <summary>
/// Demo mode: off by default, and a demo source whose statuses unfold with time for the demo proposals.
/// </summary>
public sealed class DemoProposalSyncTests
{
    [Fact]
    public void Demo_fates_are_realistic_and_the_same_on_every_run()
    {
        var sent = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var early = Enumerable
            .Range(1, 200)
            .Select(i => DemoProposalSource.Fate(i, "1", "u", sent, sent.AddMinutes(30)))
            .ToList();
        Assert.All(early, f => Assert.Equal(("Pending", false), (f.Status, f.Viewed)));
        var late = Enumerable
            .Range(1, 200)
            .Select(i => DemoProposalSource.Fate(i, "1", "u", sent, sent.AddDays(20)))
            .ToList();
        var share = late.GroupBy(f => f.Status).ToDictionary(g => g.Key, g => g.Count() / 200.0);
        Assert.InRange(share["Hired"], 0.01, 0.08);
        Assert.InRange(share["Activated"] + share["Offered"] + share["Hired"], 0.15, 0.35);
        Assert.InRange(share["Declined"] + share["Archived"], 0.3, 0.8);
        Assert.Equal(
            late,
            Enumerable.Range(1, 200).Select(i => DemoProposalSource.Fate(i, "1", "u", sent, sent.AddDays(20)))
        );
    }

    [Fact]
    public async Task In_demo_mode_the_sync_is_off_until_enabled_and_then_moves_demo_proposals()
    {
        using var app = new TestApp();
        var alice = (await app.CreateUserAsync("alice@example.test", "Freelancer")).Id;
        var now = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            for (var i = 1; i <= 40; i++)
            {
                db.Proposals.Add(
                    new Proposal
                    {
                        PostingId = DemoMarketplace.IdPrefix + "d" + i,
                        FreelancerId = alice,
                        MarketplaceJobId = (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        PostingTitle = "Demo " + i,
                        SentAt = now.AddDays(-i % 10),
                        UpdatedAt = now,
                    }
                );
            }
            await db.SaveChangesAsync();
        });
        Task<SyncOutcome> Due() =>
            app.WithScopeAsync(sp => sp.GetRequiredService<ProposalSync>().RunIfDueAsync(CancellationToken.None));
        Assert.False((await Due()).Ran);

        await app.WithDbAsync(async db =>
        {
            db.ProposalSyncSettings.Add(new ProposalSyncSettings { Enabled = true });
            await db.SaveChangesAsync();
        });
        var outcome = await Due();
        Assert.Equal((40, 40, 0), (outcome.Seen, outcome.Linked, outcome.Outside));
        var stages = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>()
                .Proposals.AsNoTracking()
                .Where(p => p.StageFromSync)
                .Select(p => p.Stage)
                .ToListAsync()
        );
        Assert.NotEmpty(stages);
        Assert.Contains(ProposalStage.Viewed, stages);
    }
}
