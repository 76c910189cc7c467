using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Features.Logging;

namespace UpworkAssist.Web.Features.Routing.Slack;

/// <summary>
/// A small typed Slack client: incoming webhooks and chat.postMessage (Slack.NetStandard is not
/// in the package registry this project builds from; we need two calls). It never throws for
/// Slack's answers: it classifies them into a <see cref="SendOutcome"/>.
/// </summary>
public sealed class SlackClient(HttpClient http, IOptions<SlackOptions> options)
{
    private static readonly HashSet<string> PermanentErrors = new(StringComparer.Ordinal)
    {
        "channel_not_found",
        "channel_is_archived",
        "is_archived",
        "no_service",
        "invalid_token",
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "not_in_channel",
        "access_denied",
        "action_prohibited",
        "posting_to_general_channel_denied",
        "team_disabled",
        "missing_scope",
        "ekm_access_denied",
    };

    private static readonly HashSet<string> DefectErrors = new(StringComparer.Ordinal)
    {
        "invalid_payload",
        "invalid_blocks",
        "invalid_blocks_format",
        "invalid_arguments",
        "msg_too_long",
        "no_text",
        "invalid_json",
        "json_not_object",
        "invalid_form_data",
        "too_many_attachments",
    };

    private static readonly HashSet<string> OtherErrors = new(StringComparer.Ordinal)
    {
        "ratelimited",
        "rate_limited",
        "fatal_error",
        "internal_error",
        "service_unavailable",
        "request_timeout",
        "invalid_channel",
    };

    public Task<SendOutcome> PostWebhookAsync(Uri webhook, SlackMessage message, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, webhook), message, webApi: false, ct);

    public Task<SendOutcome> PostMessageAsync(string token, string channel, SlackMessage message, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUrl, "chat.postMessage"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return SendAsync(request, message with { Channel = channel }, webApi: true, ct);
    }

    private async Task<SendOutcome> SendAsync(
        HttpRequestMessage request,
        SlackMessage message,
        bool webApi,
        CancellationToken ct
    )
    {
        using (request)
        {
            request.Content = JsonContent.Create(message);
            return await TargetSend.RunAsync(
                async token =>
                {
                    using var response = await http.SendAsync(request, token);
                    var body = await response.Content.ReadAsStringAsync(token);
                    return Classify(response, body, webApi, message);
                },
                options.Value.Timeout,
                ct
            );
        }
    }

    private static SendOutcome Classify(HttpResponseMessage response, string body, bool webApi, SlackMessage message)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new SendOutcome(SendStatus.RateLimited, "rate_limited", RetryAfter(response));
        }
        if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
        {
            return new SendOutcome(SendStatus.Transient, $"HTTP {status}");
        }
        var error =
            webApi && response.IsSuccessStatusCode ? WebApiError(body)
            : response.IsSuccessStatusCode ? null
            : Known(body.Trim()) ?? "error";
        if (error is null)
        {
            return SendOutcome.Ok;
        }
        var described = $"{error} (HTTP {status})";
        if (
            PermanentErrors.Contains(error)
            || response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Forbidden
        )
        {
            return new SendOutcome(SendStatus.Permanent, described);
        }
        if (DefectErrors.Contains(error) || response.StatusCode == HttpStatusCode.BadRequest)
        {
            // The payload carries no secret (the webhook URL and token travel outside it), but
            // it goes through the same redaction as logs in case a posting quoted one.
            var payload = SecretRedaction.RedactText(JsonSerializer.Serialize(message with { Channel = null }));
            return new SendOutcome(SendStatus.Defect, $"{described}; payload: {payload}");
        }
        return error is "ratelimited" or "rate_limited"
            ? new SendOutcome(SendStatus.RateLimited, error, RetryAfter(response))
            : new SendOutcome(SendStatus.Transient, described);
    }

    private static string? WebApiError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "unreadable_response";
            }
            return root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True ? null
                : root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String
                    ? Known(e.GetString()) ?? "unknown_error"
                : "unknown_error";
        }
        catch (JsonException)
        {
            return "unreadable_response";
        }
    }

    /// <summary>
    /// Slack's error code when it is one Slack documents, else null. The far side's words never
    /// reach a page or the store: a target that is not Slack would otherwise have its reply shown.
    /// </summary>
    private static string? Known(string? code) =>
        code is not null
        && (PermanentErrors.Contains(code) || DefectErrors.Contains(code) || OtherErrors.Contains(code))
            ? code
            : null;

    private static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(30);
}
