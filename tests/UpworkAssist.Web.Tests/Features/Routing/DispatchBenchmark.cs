using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Routing.Slack;
using UpworkAssist.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace UpworkAssist.Web.Tests.Features.Routing;

/// <summary>
/// The dispatcher's own cost per delivery (claim, load, render Block Kit, record) against a sender
/// that answers at once. Opt-in: `UA_BENCH=1 dotnet test --filter DispatchBenchmark`; figures in
/// docs/performance.md.
/// </summary>
public sealed class DispatchBenchmark(ITestOutputHelper output)
{
    private sealed class InstantSlack(TimeProvider clock) : IAlertSender
    {
        public AlertChannel Channel => AlertChannel.Slack;
        public TimeSpan MinInterval => TimeSpan.FromSeconds(1);

        public Task<SendOutcome> SendAsync(Delivery delivery, CancellationToken ct)
        {
            _ = JsonSerializer.SerializeToUtf8Bytes(SlackMessageBuilder.Build(delivery, clock.GetUtcNow()));
            return Task.FromResult(SendOutcome.Ok);
        }
    }

    private sealed class BenchApp() : TestApp(new() { ["Routing:DispatcherEnabled"] = "false" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s =>
            {
                s.RemoveAll<IAlertSender>();
                s.AddScoped<IAlertSender>(sp => new InstantSlack(sp.GetRequiredService<TimeProvider>()));
            });
        }
    }

    [SkippableFact]
    public async Task Deliveries_per_second_of_dispatcher_overhead()
    {
        Skip.IfNot(
            Environment.GetEnvironmentVariable("UA_BENCH") == "1",
            "Set UA_BENCH=1 to run the dispatch benchmark."
        );
        const int Channels = 200,
            Postings = 10;
        using var app = new BenchApp();
        var now = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            await db.Lanes.ExecuteUpdateAsync(s => s.SetProperty(l => l.Enabled, false));
            var lane = new Lane
            {
                Id = "bench",
                Name = "Bench",
                CreatedAt = now,
                UpdatedAt = now,
            };
            LaneRules.Apply(
                lane,
                new LaneDefinition
                {
                    Id = "bench",
                    Name = "Bench",
                    IncludeKeywords = ["blazor"],
                    AllowUnknownBudget = true,
                }
            );
            db.Lanes.Add(lane);
            for (var c = 0; c < Channels; c++)
            {
                db.AlertRoutes.Add(
                    new AlertRoute
                    {
                        LaneId = "bench",
                        Kind = RouteKind.Slack,
                        SlackTarget = $"slack:c{c}",
                        SlackChannel = $"c{c}",
                        CreatedAt = now,
                    }
                );
            }
            for (var p = 0; p < Postings; p++)
            {
                db.Postings.Add(
                    new Posting
                    {
                        Id = $"~{p}",
                        Title = $"Blazor job {p}",
                        Description = "Blazor work. " + new string('x', 800),
                        PublishedAt = now,
                        FetchedAt = now,
                        FixedBudget = 1000,
                        Client = new ClientFacts("US", true, 1000, 3, 4.5, 2),
                    }
                );
            }
            await db.SaveChangesAsync();
        });
        await app.WithScopeAsync(sp => sp.GetRequiredService<LaneMatcher>().RematchAllAsync(CancellationToken.None));

        var total = Channels * Postings;
        var delivered = 0;
        var watch = new Stopwatch();
        while (delivered < total)
        {
            watch.Start();
            delivered += await app.WithScopeAsync(sp =>
                sp.GetRequiredService<AlertDispatcher>().RunOnceAsync(CancellationToken.None)
            );
            watch.Stop();
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var perSecond = total / watch.Elapsed.TotalSeconds;
        output.WriteLine(
            $"{total} deliveries to {Channels} channels in {watch.Elapsed.TotalMilliseconds:0} ms: {perSecond:0} "
                + $"deliveries/s, {watch.Elapsed.TotalMilliseconds * 1000 / total:0} µs each"
        );
        Assert.Equal(total, delivered);
    }
}
