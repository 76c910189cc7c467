namespace UpworkAssist.Web.Features.Drafts;

public enum AiProvider
{
    Template,
    OpenAI,
    Ollama,
}

/// <summary>
/// Section <c>Ai</c> (CONTRACTS.md): which drafter writes first drafts. <c>ApiKey</c> is a secret:
/// set it with user-secrets or the <c>Ai__ApiKey</c> environment variable, never in appsettings.
/// </summary>
public sealed class AiOptions
{
    public const string Section = "Ai";

    public AiProvider Provider { get; set; } = AiProvider.Template;

    /// <summary>The OpenAI-compatible base URL (e.g. https://api.openai.com/v1) or the Ollama server URL.</summary>
    public Uri? Endpoint { get; set; }
    public string? Model { get; set; }
    public string? ApiKey { get; set; }

    // The project's own keys (not in CONTRACTS.md).
    /// <summary>How long one AI draft may take before the editor offers the template drafter instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most tokens the model may answer with (a proposal is short).</summary>
    public int MaxOutputTokens { get; set; } = 600;

    public bool UsesAi => Provider != AiProvider.Template;
}
