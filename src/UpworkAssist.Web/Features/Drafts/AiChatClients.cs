using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>
/// Builds the configured <see cref="IChatClient"/> over a client from <see cref="IHttpClientFactory"/>,
/// so every AI request goes through the same handlers (and tests can see each one).
/// </summary>
public sealed class AiChatClients(IHttpClientFactory http, IOptions<AiOptions> options)
{
    public const string HttpClientName = "ai";

    public IChatClient Create()
    {
        var o = options.Value;
        var endpoint = o.Endpoint ?? throw new InvalidOperationException("Ai:Endpoint is not set.");
        var model = o.Model ?? throw new InvalidOperationException("Ai:Model is not set.");
        var client = http.CreateClient(HttpClientName);
        return o.Provider switch
        {
            AiProvider.OpenAI => new OpenAIClient(
                // Local OpenAI-compatible servers often need no key, but the client requires one.
                new ApiKeyCredential(string.IsNullOrEmpty(o.ApiKey) ? "none" : o.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = endpoint,
                    Transport = new HttpClientPipelineTransport(client),
                    // One attempt: a person is waiting, and the page offers the template drafter on failure.
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = o.Timeout + TimeSpan.FromSeconds(5),
                }
            ).GetChatClient(model).AsIChatClient(),
            AiProvider.Ollama => new OllamaApiClient(WithBase(client, endpoint), model),
            _ => throw new InvalidOperationException("The template drafter needs no chat client."),
        };
    }

    private static HttpClient WithBase(HttpClient client, Uri endpoint)
    {
        client.BaseAddress = endpoint;
        return client;
    }
}
