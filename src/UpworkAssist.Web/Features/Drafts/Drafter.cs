using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>Everything a drafter may use: the job's facts, the lane, the freelancer and the house rules.</summary>
public sealed record DraftRequest(
    Posting Posting,
    string? LaneName,
    string FreelancerName,
    FreelancerProfile Profile,
    ProofArtifact? Proof,
    DraftTemplate? Template,
    DraftingOptions Rules
);

/// <summary>A drafter's text and what producing it cost (tokens are null for the template drafter).</summary>
public sealed record DraftResult(string Text, int? InputTokens, int? OutputTokens, TimeSpan Latency);

/// <summary>Why a drafter gave no text; the message is shown to the person as is.</summary>
public enum DraftFailureKind
{
    Unavailable,
    Timeout,
    Refused,
}

public sealed class DraftFailedException(DraftFailureKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public DraftFailureKind Kind { get; } = kind;
}

/// <summary>Writes a first draft. The person edits, checks and sends it; a drafter never sends anything.</summary>
public interface IDrafter
{
    /// <summary>"Template", "OpenAI" or "Ollama": stored on the draft.</summary>
    string Name { get; }

    /// <exception cref="DraftFailedException">The drafter could not give a usable text.</exception>
    Task<DraftResult> DraftAsync(DraftRequest request, CancellationToken ct);
}
