using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UpworkAssist.Web.Features.Logging;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// Posts a JSON message to a chat service's incoming webhook (Discord, Teams Workflows) and classifies
/// the answer the way the Slack client does: delivered, rate-limited (429 with Retry-After or a JSON
/// `retry_after`), transient (5xx, timeout, refused connection), permanent (the webhook is gone or
/// forbidden: pause the route) or defect (400: our message was wrong). It connects through
/// <see cref="TargetHosts"/> and never carries the far side's reply into the store or a page.
/// </summary>
public sealed class ChatWebhookClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<SendOutcome> PostAsync(Uri url, object payload, TimeSpan timeout, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(payload, options: Json),
        };
        return await TargetSend.RunAsync(
            async token =>
            {
                using var response = await http.SendAsync(request, token);
                var body = await response.Content.ReadAsStringAsync(token);
                return Classify(response, body, payload);
            },
            timeout,
            ct
        );
    }

    private static SendOutcome Classify(HttpResponseMessage response, string body, object payload)
    {
        var status = (int)response.StatusCode;
        var described = "HTTP " + status.ToString(CultureInfo.InvariantCulture);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new SendOutcome(
                SendStatus.RateLimited,
                "rate_limited (HTTP 429)",
                RetryAfter(response, body) ?? ChannelLimiter.DefaultRetryAfter
            );
        }
        if (response.IsSuccessStatusCode)
        {
            // Discord says when its bucket is empty; the next message waits for it instead of earning a 429.
            return new SendOutcome(SendStatus.Delivered, null, BucketReset(response));
        }
        if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
        {
            return new SendOutcome(SendStatus.Transient, described);
        }
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var sent = SecretRedaction.RedactText(JsonSerializer.Serialize(payload, Json));
            return new SendOutcome(SendStatus.Defect, $"invalid_payload ({described}); payload: {sent}");
        }
        return new SendOutcome(
            SendStatus.Permanent,
            response.StatusCode switch
            {
                HttpStatusCode.NotFound or HttpStatusCode.Gone => $"webhook_not_found ({described})",
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"forbidden ({described})",
                _ => $"refused ({described})",
            }
        );
    }

    /// <summary>Retry-After (seconds or a date), else Discord's JSON `retry_after` (seconds, fractional).</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response, string body)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
            return delta;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (
                json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("retry_after", out var r)
                && r.TryGetDouble(out var seconds)
                && seconds is >= 0 and < 86400
            )
            {
                return TimeSpan.FromSeconds(Math.Ceiling(seconds));
            }
        }
        catch (JsonException)
        {
            // Not JSON: the header was all there was.
        }
        return null;
    }

    private static TimeSpan? BucketReset(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-RateLimit-Remaining", out var remaining)
        && remaining.FirstOrDefault() == "0"
        && response.Headers.TryGetValues("X-RateLimit-Reset-After", out var reset)
        && double.TryParse(reset.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
        && seconds is >= 0 and < 3600
            ? TimeSpan.FromSeconds(Math.Ceiling(seconds))
            : null;
}
