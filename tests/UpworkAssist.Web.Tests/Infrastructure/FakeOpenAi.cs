using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace UpworkAssist.Web.Tests.Infrastructure;

public enum AiReplyKind
{
    Success,
    Slow,
    Error,
    Refusal,
    ContentFilter,
}

/// <summary>A scripted answer of the fake: the draft text and the token usage it reports.</summary>
public sealed record AiReply(
    AiReplyKind Kind,
    string Text = "",
    int PromptTokens = 0,
    int CompletionTokens = 0,
    int Status = 500
)
{
    public static AiReply Draft(string text, int prompt = 321, int completion = 87) =>
        new(AiReplyKind.Success, text, prompt, completion);
}

public sealed record AiRequest(string Path, string Authorization, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A fake OpenAI-compatible server on a real HTTP listener (Kestrel, 127.0.0.1, a free port):
/// POST /v1/chat/completions answers with a completion, an error status, a refusal, or never (Slow,
/// until the caller gives up).
/// </summary>
public sealed class FakeOpenAi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<AiRequest> _requests = new();

    private FakeOpenAi(WebApplication app)
    {
        _app = app;
        app.MapPost("/v1/chat/completions", Answer);
    }

    public AiReply Reply { get; set; } = AiReply.Draft("Hi there, your project caught my eye.");

    public IReadOnlyList<AiRequest> Requests => _requests.ToList();

    /// <summary>The OpenAI-style base address (…/v1) for Ai:Endpoint.</summary>
    public string Endpoint => _app.Urls.First() + "/v1";

    public Dictionary<string, string?> Settings(string apiKey = "sk-test-secret-123") =>
        new()
        {
            ["Ai:Provider"] = "OpenAI",
            ["Ai:Endpoint"] = Endpoint,
            ["Ai:Model"] = "fake-model",
            ["Ai:ApiKey"] = apiKey,
            ["Ai:Timeout"] = "00:00:30",
        };

    public static async Task<FakeOpenAi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeOpenAi(builder.Build());
        await fake._app.StartAsync();
        return fake;
    }

    private async Task Answer(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        _requests.Enqueue(new AiRequest(http.Request.Path, http.Request.Headers.Authorization.ToString(), body));
        var reply = Reply;
        switch (reply.Kind)
        {
            case AiReplyKind.Slow:
                // Answers only when the caller gives up: the application's timeout must end the wait.
                await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case AiReplyKind.Error:
                http.Response.StatusCode = reply.Status;
                await http.Response.WriteAsJsonAsync(
                    new
                    {
                        error = new
                        {
                            message = "The server had an error while processing your request.",
                            type = "server_error",
                        },
                    }
                );
                return;
        }
        var message =
            reply.Kind == AiReplyKind.Refusal
                ? (object)
                    new
                    {
                        role = "assistant",
                        content = (string?)null,
                        refusal = "I'm sorry, I can't help with that.",
                    }
                : new { role = "assistant", content = reply.Kind == AiReplyKind.ContentFilter ? "" : reply.Text };
        await http.Response.WriteAsJsonAsync(
            new
            {
                id = "chatcmpl-fake",
                @object = "chat.completion",
                created = 1_764_320_400,
                model = "fake-model",
                choices = new[]
                {
                    new
                    {
                        index = 0,
                        message,
                        finish_reason = reply.Kind == AiReplyKind.ContentFilter ? "content_filter" : "stop",
                    },
                },
                usage = new
                {
                    prompt_tokens = reply.PromptTokens,
                    completion_tokens = reply.CompletionTokens,
                    total_tokens = reply.PromptTokens + reply.CompletionTokens,
                },
            }
        );
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
