using System.Net;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Routing.Telegram;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Routing;

/// <summary>What each chat service receives, and that other people's text reaches it as text.</summary>
[Collection("Routing")]
public sealed class ChatMessageTests : IAsyncLifetime
{
    private const string Hostile = "<b>Big</b> & \"quoted\" @everyone [click](https://evil.example) **bold** <@123>";
    private RoutingHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await RoutingHarness.StartAsync(new() { ["Routing:PublicUrl"] = "https://ua.example.com/" });
        await _h.AddLaneAsync("blazor", "Blazor work", "blazor");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<ServiceRequest> SendAsync(string name)
    {
        var c = ChatChannel.Get(name);
        var (secret, target) = c.Route(_h.Service);
        _h.Service.Respond = c.Ok;
        await _h.AddChannelRouteAsync("blazor", c.Kind, secret, target);
        await _h.MatchAsync(_h.Posting("~01", "Blazor " + Hostile, "Description " + Hostile));
        Assert.Equal(1, await _h.DispatchAsync());
        return Assert.Single(_h.Service.Requests);
    }

    [Fact]
    public async Task Telegram_gets_HTML_with_every_user_text_escaped_and_an_inline_keyboard()
    {
        var request = await SendAsync("Telegram");
        Assert.Equal($"/bot{ChatChannel.TelegramToken}/sendMessage", request.Path);
        var json = request.Json;
        // Telegram reads it case-insensitively
        Assert.Equal("html", json.GetProperty("parse_mode").GetString()!.ToLowerInvariant());
        Assert.Equal(4242, json.GetProperty("chat_id").GetInt64());
        var text = json.GetProperty("text").GetString()!;
        Assert.Contains("<b>Blazor &lt;b&gt;Big&lt;/b&gt; &amp; &quot;quoted&quot;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Big", text, StringComparison.Ordinal);
        Assert.Contains(
            "Why it matched:</i> Blazor work: every rule passes; keywords found: blazor",
            text,
            StringComparison.Ordinal
        );
        var buttons = json.GetProperty("reply_markup").GetProperty("inline_keyboard")[0].EnumerateArray().ToList();
        Assert.Equal(["Open job", "Open in UpworkAssist"], buttons.Select(b => b.GetProperty("text").GetString()));
        Assert.Equal("https://ua.example.com/Queue/Job/~01", buttons[1].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Discord_gets_an_embed_per_match_with_mentions_off_and_markdown_escaped()
    {
        var request = await SendAsync("Discord");
        var json = request.Json;
        Assert.Empty(json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        var embed = Assert.Single(json.GetProperty("embeds").EnumerateArray());
        var title = embed.GetProperty("title").GetString()!;
        Assert.Contains(@"\[click\]\(https\://evil.example\)", title, StringComparison.Ordinal);
        Assert.Contains(@"\@everyone", title, StringComparison.Ordinal);
        Assert.Contains("$1,500 fixed", title, StringComparison.Ordinal);
        Assert.Equal("https://www.upwork.com/jobs/~01", embed.GetProperty("url").GetString());
        Assert.Contains(
            "[Open in UpworkAssist](<https://ua.example.com/Queue/Job/~01>)",
            embed.GetProperty("description").GetString(),
            StringComparison.Ordinal
        );
        Assert.Equal(
            ["Client", "Why it matched"],
            embed.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString())
        );
    }

    [Fact]
    public async Task Teams_gets_an_Adaptive_Card_with_title_budget_client_facts_reasons_and_buttons()
    {
        var request = await SendAsync("Teams");
        var attachment = Assert.Single(request.Json.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        var body = card.GetProperty("body").EnumerateArray().ToList();
        Assert.Equal("RichTextBlock", body[0].GetProperty("type").GetString()); // TextRuns: never read as markdown
        Assert.Contains(
            "Blazor " + Hostile,
            body[0].GetProperty("inlines")[0].GetProperty("text").GetString(),
            StringComparison.Ordinal
        );
        var facts = body[1]
            .GetProperty("facts")
            .EnumerateArray()
            .Select(f => f.GetProperty("title").GetString())
            .ToList();
        Assert.Equal(["Budget", "Client", "Applicants", "Posted"], facts);
        Assert.Contains("payment verified", body[1].GetRawText(), StringComparison.Ordinal);
        Assert.Contains("keywords found: blazor", body[2].GetRawText(), StringComparison.Ordinal);
        var actions = body[3].GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString());
        Assert.Equal(["Open job", "Open in UpworkAssist"], actions);
    }

    [Fact]
    public async Task Routes_for_each_channel_are_added_encrypted_and_targets_are_restricted()
    {
        var lead = await _h.App.SignedInAsync("Lead");
        (string, string)[] Form(string kind, params (string, string)[] fields) =>
            [("Input.Kind", kind), ("Input.Mode", "Immediate"), ("Input.TimeZone", "UTC"), .. fields];
        async Task<string> Add(params (string, string)[] form) =>
            WebUtility.HtmlDecode(
                await (
                    await lead.SubmitToAsync(
                        "/Routing/Routes?lane=blazor",
                        "/Routing/Routes?lane=blazor&handler=Add",
                        form
                    )
                ).Content.ReadAsStringAsync()
            );

        Assert.Contains(
            "Discord webhooks are https://discord.com/api/webhooks/",
            await Add(Form("Discord", ("Input.ChannelUrl", "https://evil.example/api/webhooks/1/x"))),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "Discord webhooks are",
            await Add(Form("Discord", ("Input.ChannelUrl", "http://discord.com/api/webhooks/1/x"))),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "Teams workflow webhooks are",
            await Add(Form("Teams", ("Input.ChannelUrl", "https://169.254.169.254/x"))),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "A bot token looks like",
            await Add(Form("Telegram", ("Input.TelegramToken", "nope"), ("Input.TelegramChatId", "1"))),
            StringComparison.Ordinal
        );

        await Add(Form("Discord", ("Input.ChannelUrl", "https://discord.com/api/webhooks/111/SECRETdiscordTail")));
        await Add(
            Form(
                "Teams",
                (
                    "Input.ChannelUrl",
                    "https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke"
                        + "?sig=SECRETsig"
                )
            )
        );
        await Add(
            Form(
                "Telegram",
                ("Input.TelegramToken", ChatChannel.TelegramToken),
                ("Input.TelegramChatId", "-1001234567890")
            )
        );
        var html = WebUtility.HtmlDecode(await lead.GetStringAsync("/Routing/Routes?lane=blazor"));
        Assert.Contains("Discord webhook discord.com/…Tail", html, StringComparison.Ordinal);
        Assert.Contains("Teams workflow prod-01.westeurope.logic.azure.com/…", html, StringComparison.Ordinal);
        Assert.Contains("Telegram chat …7890 via bot 123456789", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", html, StringComparison.Ordinal);
        Assert.DoesNotContain("AAHdqTcv", html, StringComparison.Ordinal);
        var routes = await _h.App.WithScopeAsync(sp =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                sp.GetRequiredService<AppDbContext>().AlertRoutes.OrderBy(r => r.Id)
            )
        );
        Assert.Equal([RouteKind.Discord, RouteKind.Teams, RouteKind.Telegram], routes.Select(r => r.Kind));
        Assert.All(routes, r => Assert.DoesNotContain("SECRET", r.SecretProtected, StringComparison.Ordinal));
        Assert.StartsWith(TelegramSender.GroupPrefix, routes[2].SlackTarget, StringComparison.Ordinal);
        Assert.DoesNotContain("1234567890", routes[2].SlackTarget, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", _h.App.Logs.AllText(), StringComparison.Ordinal);
    }
}
