using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Core.Rules;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Tests.Infrastructure;
using Lane = UpworkAssist.Web.Features.Lanes.Lane;

namespace UpworkAssist.Web.Tests.Features.Lanes;

/// <summary>
/// The feed's ingest hook runs every new posting through every enabled lane, and the stored matches agree with the
/// engine.
/// </summary>
public sealed class MatchOnIngestTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_demo_poll_produces_matches_for_the_starter_lanes_exactly_as_the_engine_decides()
    {
        var run = await _app.WithScopeAsync(sp =>
            sp.GetRequiredService<FeedPoller>().PollAsync("test", CancellationToken.None)
        );
        Assert.Equal(0, run.Errors);

        await _app.WithDbAsync(async db =>
        {
            var matches = await db.Matches.AsNoTracking().ToListAsync();
            Assert.NotEmpty(matches);
            Assert.All(matches, m => Assert.Equal(_app.Clock.GetUtcNow(), m.MatchedAt));

            // Recompute every (posting, lane) decision with the engine and compare with the store.
            var lanes = await db.Lanes.AsNoTracking().Where(l => l.Enabled).OrderBy(l => l.Id).ToListAsync();
            var set = CompiledLaneSet.Compile(lanes.Select(LaneRules.ToCore).ToList());
            var expected = new HashSet<(string, string)>();
            foreach (var posting in await db.Postings.AsNoTracking().ToListAsync())
            {
                foreach (
                    var decision in set.Evaluate(LaneRules.ToJob(posting), _app.Clock.GetUtcNow()).Where(d => d.Matched)
                )
                {
                    expected.Add((decision.JobId, decision.LaneId));
                }
            }
            Assert.Equal(expected.Order(), matches.Select(m => (m.PostingId, m.LaneId)).Order());
            Assert.Contains(matches, m => m.LaneId == "dotnet");
        });

        // Polling again stores nothing new and so adds no duplicate matches.
        var before = await _app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Matches.CountAsync());
        await _app.WithScopeAsync(sp => sp.GetRequiredService<FeedPoller>().PollAsync("test", CancellationToken.None));
        Assert.Equal(
            before,
            await _app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Matches.CountAsync())
        );
    }
}

public sealed class CompiledLanesTests
{
    private static Lane Row(string id, int version) =>
        new()
        {
            Id = id,
            Name = id,
            Version = version,
            RulesJson = $$"""[{"id":"{{id}}","name":"{{id}}"}]""",
        };

    [Fact]
    public void The_compiled_engine_is_reused_until_a_lane_changes()
    {
        var cache = new CompiledLanes();
        var first = cache.For([Row("a", 1), Row("b", 1)]);
        Assert.Same(first, cache.For([Row("a", 1), Row("b", 1)]));
        var edited = cache.For([Row("a", 2), Row("b", 1)]);
        Assert.NotSame(first, edited);
        Assert.Equal(["a"], cache.For([Row("a", 2)]).Lanes.Select(l => l.Id));
    }
}
