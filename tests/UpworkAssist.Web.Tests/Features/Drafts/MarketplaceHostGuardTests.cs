using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Drafts;

/// <summary>
/// No code path may send anything to the marketplace: every outgoing request of every HttpClient
/// the application makes is recorded while the feed polls and a proposal goes from AI draft to
/// "I sent it"; any request to a marketplace host other than the GraphQL and token endpoints fails.
/// </summary>
public sealed class MarketplaceHostGuardTests
{
    private sealed class Recorder(ConcurrentQueue<Uri> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken
        )
        {
            seen.Enqueue(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class RecordEveryClient(ConcurrentQueue<Uri> seen) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) =>
            builder =>
            {
                next(builder);
                builder.AdditionalHandlers.Insert(0, new Recorder(seen));
            };
    }

    [Fact]
    public async Task Drafting_copying_and_recording_a_send_make_no_marketplace_request_beyond_the_feed_endpoints()
    {
        var seen = new ConcurrentQueue<Uri>();
        await using var market = await FakeMarketplace.StartAsync();
        await using var ai = await FakeOpenAi.StartAsync();
        ai.Reply = AiReply.Draft("Hi there, Stripe webhook retries in ASP.NET Core are my speciality.\n\nAda");
        var settings = market.Settings(ai.Settings());
        using var app = new TestApp(
            settings,
            s => s.AddSingleton<IHttpMessageHandlerBuilderFilter>(new RecordEveryClient(seen))
        );
        market.Clock = app.Clock;

        // The feed's own traffic: a token grant and a GraphQL search.
        market.Publish(FakeMarketplace.Node("~01guard001", app.Clock.GetUtcNow().AddMinutes(-5)));
        var poll = app.WithScopeAsync(sp =>
            sp.GetRequiredService<FeedPoller>().PollAsync("test", CancellationToken.None)
        );
        while (!poll.IsCompleted)
        {
            if (await Task.WhenAny(poll, Task.Delay(5)) != poll)
            {
                app.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }
        Assert.Equal(0, (await poll).Errors);

        // A proposal end to end, with every page and action of the feature on the way.
        var posting = await DraftsTestData.SeedPostingAsync(app);
        var (browser, _) = await DraftsTestData.SignInAsync(app);
        await DraftsTestData.AssignAsync(app, browser, posting.Id);
        foreach (
            var page in new[]
            {
                "/Drafts",
                "/Drafts/Profile",
                "/Drafts/Templates",
                $"/Drafts/New?postingId={Uri.EscapeDataString(posting.Id)}",
            }
        )
        {
            (await browser.GetAsync(page)).EnsureSuccessStatusCode();
        }
        var id = await DraftsTestData.StartDraftAsync(app, browser, posting.Id, useAi: true);
        var draft = await DraftsTestData.DraftAsync(app, id);
        Assert.Equal("OpenAI", draft.Drafter);
        await DraftsTestData.ApproveAsync(app, browser, id, draft.Text);
        (await DraftsTestData.PostEditAsync(browser, id, "Copied")).EnsureSuccessStatusCode();
        (await DraftsTestData.PostEditAsync(browser, id, "Opened")).EnsureSuccessStatusCode();
        await DraftsTestData.PostEditAsync(browser, id, "Sent", ("ConnectsSpent", "12"));
        Assert.Equal(DraftStatus.Sent, (await DraftsTestData.DraftAsync(app, id)).Status);

        var requests = seen.ToList();
        var graphQl = new Uri(settings["Upwork:GraphQlEndpoint"]!);
        var token = new Uri(settings["Upwork:TokenEndpoint"]!);
        // The recorder must have seen both kinds of traffic, or this test proves nothing.
        Assert.Contains(requests, u => u.Authority == graphQl.Authority);
        Assert.Contains(requests, u => u.AbsoluteUri.StartsWith(ai.Endpoint, StringComparison.Ordinal));
        var marketplace = requests.Where(u =>
            u.Authority == graphQl.Authority
            || u.Authority == token.Authority
            || u.Host.Equals("upwork.com", StringComparison.OrdinalIgnoreCase)
            || u.Host.EndsWith(".upwork.com", StringComparison.OrdinalIgnoreCase)
        );
        var allowed = new[] { graphQl.GetLeftPart(UriPartial.Path), token.GetLeftPart(UriPartial.Path) };
        var stray = marketplace.Where(u => !allowed.Contains(u.GetLeftPart(UriPartial.Path))).ToList();
        Assert.True(
            stray.Count == 0,
            "Requests to the marketplace outside the feed endpoints: " + string.Join(", ", stray)
        );
    }
}
