using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Drafts;

/// <summary>The configured provider decides which IChatClient the AI drafter talks to, and where.</summary>
public sealed class AiChatClientsTests
{
    [Theory]
    [InlineData("OpenAI", "http://127.0.0.1:9/v1", "openai")]
    [InlineData("Ollama", "http://127.0.0.1:9/", "ollama")]
    public async Task Each_provider_gets_its_client_at_the_configured_endpoint(
        string provider,
        string endpoint,
        string expected
    )
    {
        using var app = new TestApp(
            new()
            {
                ["Ai:Provider"] = provider,
                ["Ai:Endpoint"] = endpoint,
                ["Ai:Model"] = "m1",
            }
        );
        var metadata = await app.WithScopeAsync(sp =>
        {
            using var chat = sp.GetRequiredService<AiChatClients>().Create();
            return Task.FromResult(chat.GetService<ChatClientMetadata>());
        });
        Assert.Equal(expected, metadata?.ProviderName, ignoreCase: true);
        Assert.Equal("m1", metadata?.DefaultModelId);
        Assert.StartsWith("http://127.0.0.1:9", metadata?.ProviderUri?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_AI_provider_without_endpoint_or_model_stops_start_up_with_the_reason()
    {
        using var app = new TestApp(new() { ["Ai:Provider"] = "Ollama" });
        Assert.ThrowsAny<Exception>(() => app.Services);
        var log = app.Logs.AllText();
        Assert.Contains("Ai:Endpoint is required when Ai:Provider is Ollama.", log, StringComparison.Ordinal);
        Assert.Contains("Ai:Model is required when Ai:Provider is Ollama.", log, StringComparison.Ordinal);
    }
}
