using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Features.Logging;

namespace UpworkAssist.Web.Features.Routing.Webhooks;

/// <summary>Section `Webhooks`.</summary>
public sealed class WebhookOptions
{
    /// <summary>Per request: a receiver that takes longer counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a delivery is retried before its endpoint is turned off and the Admins told.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>First wait after a failure, doubling per attempt, capped at <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The answer of one attempt: the HTTP status when there was one, and a short reason otherwise.</summary>
public sealed record WebhookAttempt(bool Delivered, int? ResponseCode, string? Error);

/// <summary>
/// Posts one signed body. Like the Slack client it connects through <see cref="TargetHosts"/> (no
/// addresses inside the network unless allowed, no redirects) and never carries the reply's body
/// into the store or a page: only the status code.
/// </summary>
public sealed class WebhookClient(HttpClient http, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public async Task<WebhookAttempt> PostAsync(
        string url,
        string secret,
        string eventId,
        string eventType,
        string body,
        CancellationToken ct
    )
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var unix = clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(secret, unix, body));
        request.Headers.TryAddWithoutValidation(WebhookSignature.EventIdHeader, eventId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.EventTypeHeader, eventType);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("UpworkAssist-Webhooks", "1"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookAttempt(true, code, null)
                : new WebhookAttempt(false, code, "HTTP " + code.ToString(CultureInfo.InvariantCulture));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(false, null, $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex) when (ex.InnerException is TargetRefusedException refused)
        {
            return new WebhookAttempt(false, null, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttempt(false, null, SecretRedaction.RedactText(ex.Message));
        }
    }
}
