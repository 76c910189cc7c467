using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace UpworkAssist.Web.Tests.Infrastructure;

/// <summary>
/// What a fake service received; At is the test's fake clock, so limits are asserted without sleeping.
/// </summary>
public sealed record ServiceRequest(
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset At
)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>A scripted answer: status, JSON (or text) body, headers; Hang never answers (a timeout).</summary>
public sealed record ServiceReply(
    int Status,
    string? Body = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    bool Hang = false
)
{
    public static readonly ServiceReply Ok = new(200, "{}");
    public static readonly ServiceReply NoContent = new(204);
}

/// <summary>
/// A real HTTP listener (Kestrel on 127.0.0.1, a free port) that records every POST and answers
/// with a script: the shape under the fakes of webhook receivers, Telegram, Discord and Teams,
/// each of which only adds its protocol's answers.
/// </summary>
public sealed class FakeService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ServiceRequest> _requests = new();

    private FakeService(WebApplication app, Func<ServiceRequest, ServiceReply> defaultReply)
    {
        _app = app;
        Respond = defaultReply;
        app.MapPost("/{**path}", Answer);
    }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public Func<ServiceRequest, ServiceReply> Respond { get; set; }

    /// <summary>Runs after a request is recorded and before it is answered (to simulate a crash).</summary>
    public Action<ServiceRequest>? OnReceived { get; set; }

    public IReadOnlyList<ServiceRequest> Requests => _requests.ToList();

    public string BaseUrl => _app.Urls.First() + "/";

    /// <summary>The listener as a `Routing:AllowedTargetHosts` entry: this port on 127.0.0.1 only.</summary>
    public string AllowedHost => new Uri(BaseUrl).Authority;

    public static async Task<FakeService> StartAsync(Func<ServiceRequest, ServiceReply>? reply = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeService(builder.Build(), reply ?? (_ => ServiceReply.Ok));
        await fake._app.StartAsync();
        return fake;
    }

    private async Task Answer(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var request = new ServiceRequest(
            http.Request.Path + http.Request.QueryString,
            headers,
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
        foreach (var (k, v) in reply.Headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[k] = v;
        }
        http.Response.StatusCode = reply.Status;
        if (reply.Body is { } text)
        {
            http.Response.ContentType = text.StartsWith('{') ? "application/json" : "text/plain";
            await http.Response.WriteAsync(text);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
