using System.Globalization;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// "Send test message": a sample alert to each of the route's targets, outside the outbox but
/// through the same <see cref="ChannelLimiter"/>: it takes the channel's slot, waits out a
/// Retry-After, leaves a paused route alone, and a 429 it receives holds the channel as any other.
/// </summary>
public sealed class RouteTester(
    IEnumerable<IAlertSender> senders,
    ChannelLimiter limiter,
    TimeProvider clock,
    IOptions<RoutingOptions> options
)
{
    public async Task<IReadOnlyList<(string Target, SendOutcome Outcome)>> SendAsync(
        AlertRoute route,
        CancellationToken ct
    )
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
            results.Add((target, await SendOneAsync(route, channel, target, sample, now, ct)));
        }
        return results;
    }

    private async Task<SendOutcome> SendOneAsync(
        AlertRoute route,
        AlertChannel channel,
        string target,
        Posting sample,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        if (route.PausedAt is not null)
        {
            return new SendOutcome(
                SendStatus.Permanent,
                $"The route is paused ({route.PausedReason ?? "no reason given"}); resume it first."
            );
        }
        var sender = senders.Single(s => s.Channel == channel);
        if (await limiter.BlockedUntilAsync(target, now, ct) is { } until)
        {
            return Wait(until - now);
        }
        if (!await limiter.TryReserveAsync(target, sender.IntervalFor(target), now, ct))
        {
            return Wait(sender.IntervalFor(target));
        }
        var item = new DeliveryItem(sample, [new LaneHit(route.LaneId, route.Lane?.Name ?? route.LaneId, ["test"])]);
        var delivery = new Delivery(route, target, [item], false, options.Value.PublicUrl) { IsTest = true };
        var outcome = await sender.SendAsync(delivery, ct);
        if (outcome.Status == SendStatus.RateLimited || outcome.RetryAfter is not null)
        {
            await limiter.HoldAsync(
                target,
                outcome.RetryAfter ?? ChannelLimiter.DefaultRetryAfter,
                clock.GetUtcNow(),
                ct
            );
        }
        return outcome;
    }

    private static SendOutcome Wait(TimeSpan wait) =>
        new(
            SendStatus.RateLimited,
            $"The channel is rate-limited; try again in "
                + $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s.",
            wait
        );
}
