using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>
/// Drafts through an <see cref="IChatClient"/> (OpenAI-compatible or Ollama). Every failure becomes
/// a <see cref="DraftFailedException"/> with a message a freelancer can act on; the page then offers
/// the template drafter, and nothing the person typed is touched.
/// </summary>
public sealed class AiDrafter(
    AiChatClients clients,
    IOptions<AiOptions> options,
    TimeProvider clock,
    ILogger<AiDrafter> logger
) : IDrafter
{
    public string Name => options.Value.Provider.ToString();

    public async Task<DraftResult> DraftAsync(DraftRequest request, CancellationToken ct)
    {
        var o = options.Value;
        using var chat = clients.Create();
        // The timeout runs on the injected clock so tests move it forward instead of waiting.
        using var timeout = new CancellationTokenSource(o.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var started = clock.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync(
                DraftPrompt.Messages(request),
                new ChatOptions { MaxOutputTokens = o.MaxOutputTokens, Temperature = 0.6f },
                linked.Token
            );
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            logger.LogWarning("AI draft timed out after {Timeout} ({Provider})", o.Timeout, o.Provider);
            throw new DraftFailedException(
                DraftFailureKind.Timeout,
                $"The AI drafter did not answer within {o.Timeout.TotalSeconds:0} seconds."
            );
        }
        catch (Exception e)
            when (e
                    is HttpRequestException
                        or ClientResultException
                        or InvalidOperationException
                        or System.Text.Json.JsonException
                || (e is OperationCanceledException && !ct.IsCancellationRequested)
            )
        {
            // The exception message may quote the endpoint's answer but never the key; log the type and status only.
            logger.LogWarning(
                "AI draft failed ({Provider}): {Error} {Status}",
                o.Provider,
                e.GetType().Name,
                (e as ClientResultException)?.Status ?? (int?)(e as HttpRequestException)?.StatusCode
            );
            throw new DraftFailedException(
                DraftFailureKind.Unavailable,
                "The AI drafter is unavailable right now" + Status(e) + ".",
                e
            );
        }
        var elapsed = clock.GetElapsedTime(started);
        var text = response.Text.Trim();
        if (IsRefusal(response, text))
        {
            logger.LogInformation(
                "AI drafter refused ({Provider}, finish {Finish})",
                o.Provider,
                response.FinishReason
            );
            throw new DraftFailedException(DraftFailureKind.Refused, "The AI drafter declined to write this proposal.");
        }
        return new DraftResult(
            text,
            ToInt(response.Usage?.InputTokenCount),
            ToInt(response.Usage?.OutputTokenCount),
            elapsed
        );
    }

    private static string Status(Exception e) =>
        e switch
        {
            ClientResultException { Status: > 0 } c => $" (it answered {c.Status})",
            HttpRequestException { StatusCode: { } s } => $" (it answered {(int)s})",
            _ => "",
        };

    /// <summary>An empty answer, a content-filter stop or an OpenAI "refusal" field all mean no usable draft.</summary>
    public static bool IsRefusal(ChatResponse response, string text) =>
        text.Length == 0
        || response.FinishReason == ChatFinishReason.ContentFilter
        || response.Messages.SelectMany(m => m.Contents).Any(c => c is ErrorContent)
        || (
            response.RawRepresentation is OpenAI.Chat.ChatCompletion completion
            && !string.IsNullOrEmpty(completion.Refusal)
        );

    private static int? ToInt(long? n) => n is null ? null : (int)Math.Min(n.Value, int.MaxValue);
}
