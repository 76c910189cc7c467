using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace UpworkAssist.Web.Tests.Infrastructure;

/// <summary>
/// What the fake Slack received; At is the test's fake clock, so limits are asserted without sleeping.
/// </summary>
public sealed record SlackRequest(string Kind, string Key, string? Authorization, string Body, DateTimeOffset At)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public override string ToString() => $"{Kind} {Key} at {At:HH:mm:ss}";
}

/// <summary>A scripted answer: a status and, for errors, Slack's error code; Hang never answers (a timeout).</summary>
public sealed record SlackReply(int Status, string? Error = null, int? RetryAfterSeconds = null, bool Hang = false)
{
    public static readonly SlackReply Ok = new(200);
}

/// <summary>
/// A fake Slack on a real HTTP listener (Kestrel on 127.0.0.1, a free port): incoming webhooks at
/// /hooks/{key} answer like Slack's (status + text body), and /api/chat.postMessage answers like
/// the Web API (200 with ok/error JSON, 429 with Retry-After).
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SlackRequest> _requests = new();

    private FakeSlack(WebApplication app)
    {
        _app = app;
        app.MapPost("/hooks/{**key}", async (HttpContext http, string key) => await Answer(http, "webhook", key));
        app.MapPost("/api/chat.postMessage", async (HttpContext http) => await Answer(http, "api", null));
    }

    /// <summary>The clock requests are stamped with: the application's fake clock.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public Func<SlackRequest, SlackReply> Respond { get; set; } = _ => SlackReply.Ok;

    /// <summary>Runs after a request is recorded and before it is answered (to simulate a crash).</summary>
    public Action<SlackRequest>? OnReceived { get; set; }

    public IReadOnlyList<SlackRequest> Requests => _requests.ToList();

    public string BaseUrl => _app.Urls.First() + "/";

    /// <summary>The listener as a `Routing:AllowedTargetHosts` entry: this port on 127.0.0.1 only.</summary>
    public string AllowedHost => new Uri(BaseUrl).Authority;

    public string WebhookUrl(string key) => $"{BaseUrl}hooks/{key}";

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeSlack(builder.Build());
        await fake._app.StartAsync();
        return fake;
    }

    private async Task Answer(HttpContext http, string kind, string? key)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        key ??= JsonDocument.Parse(body).RootElement.TryGetProperty("channel", out var c) ? c.GetString() ?? "" : "";
        var request = new SlackRequest(
            kind,
            key,
            http.Request.Headers.Authorization.ToString(),
            body,
            Clock.GetUtcNow()
        );
        _requests.Enqueue(request);
        OnReceived?.Invoke(request);
        var reply = Respond(request);
        if (reply.Hang)
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        if (reply.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        http.Response.StatusCode = reply.Status;
        if (kind == "api" && reply.Status == 200)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(
                reply.Error is null
                    ? $$"""{"ok":true,"channel":"{{key}}","ts":"1.0"}"""
                    : $$"""{"ok":false,"error":"{{reply.Error}}"}"""
            );
            return;
        }
        http.Response.ContentType = "text/plain";
        await http.Response.WriteAsync(reply.Error ?? (kind == "webhook" ? "ok" : ""));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
