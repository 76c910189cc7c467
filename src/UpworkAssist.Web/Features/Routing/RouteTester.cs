using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>"Send test message": a sample alert straight to each of the route's targets, outside the outbox.</summary>
public sealed class RouteTester(IEnumerable<IAlertSender> senders, TimeProvider clock, IOptions<RoutingOptions> options)
{
    public async Task<IReadOnlyList<(string Target, SendOutcome Outcome)>> SendAsync(AlertRoute route, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sample = new Posting
        {
            Id = "test",
            Title = "Test alert from UpworkAssist",
            Description = "This is what a match will look like on this route.",
            PublishedAt = now,
            FetchedAt = now,
            Type = PostingType.Fixed,
            FixedBudget = 1000,
            Client = new ClientFacts("United States", true, 10000, 12, 4.9, 10),
        };
        var results = new List<(string, SendOutcome)>();
        foreach (var (channel, target) in AlertPlanner.Targets(route))
        {
            var item = new DeliveryItem(sample, [new LaneHit(route.LaneId, route.Lane?.Name ?? route.LaneId, ["test"])]);
            var delivery = new Delivery(route, target, [item], false, options.Value.PublicUrl) { IsTest = true };
            results.Add((target, await senders.Single(s => s.Channel == channel).SendAsync(delivery, ct)));
        }
        return results;
    }
}
