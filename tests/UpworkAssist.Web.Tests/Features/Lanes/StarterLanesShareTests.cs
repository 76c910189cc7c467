using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace UpworkAssist.Web.Tests.Features.Lanes;

/// <summary>
/// A new install's first poll (the demo feed's last three hours) through the starter lanes: the
/// queue a newcomer sees must be lively, not almost empty. docs/lanes.md quotes the figure.
/// </summary>
public sealed class StarterLanesShareTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_starter_lanes_match_about_a_third_of_the_demo_postings()
    {
        await _app.WithScopeAsync(sp => sp.GetRequiredService<FeedPoller>().PollAsync("test", CancellationToken.None));
        await _app.WithDbAsync(async db =>
        {
            var postings = await db.Postings.CountAsync();
            var matched = await db.Matches.Select(m => m.PostingId).Distinct().CountAsync();
            var perLane = await db
                .Matches.GroupBy(m => m.LaneId)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync();
            output.WriteLine(
                $"{matched} of {postings} demo postings matched ({100.0 * matched / postings:0}%): "
                    + string.Join(", ", perLane.Select(l => $"{l.Key} {l.Count}"))
            );
            Assert.InRange(postings, 180, 260);
            Assert.InRange((double)matched / postings, 0.25, 0.45);
            Assert.All(perLane, l => Assert.True(l.Count >= 10, $"{l.Key}: only {l.Count}"));
            Assert.Equal(3, perLane.Count);
        });
    }
}
