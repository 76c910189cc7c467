using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The GraphQL client for the marketplace. Refuses anything but a query before any I/O; asks the
/// <see cref="RateGovernor"/> before every request; handles 401 (refresh once, retry once), 403 HTML
/// (halt), 429 (wait as told), 5xx, non-JSON bodies and timeouts (retry with backoff and jitter) and
/// `errors[]` on HTTP 200 (UPWORK_API.md "Limits and errors").
/// </summary>
public sealed class MarketplaceClient(
    IHttpClientFactory http,
    IOptionsMonitor<UpworkOptions> options,
    RateGovernor governor,
    MarketplaceTokens tokens,
    FeedMonitor monitor,
    RequestLog requests,
    FeedSignals signals,
    TimeProvider clock,
    ILogger<MarketplaceClient> logger
)
{
    public const string HttpClientName = "upwork";
    public const int MaxAttempts = 5;

    /// <summary>The request log's detail for a request given up before its answer.</summary>
    public const string GivenUp = "Given up before its answer (the poll was cancelled or had failed).";

    /// <summary>The reply's `data` (possibly partial) and its `errors[]` messages.</summary>
    public sealed record GraphQlReply(JsonElement Data, IReadOnlyList<string> Errors);

    public async Task<GraphQlReply> QueryAsync(string document, object? variables, CancellationToken ct)
    {
        if (!GraphQlDocument.IsQueryOnly(document, out var reason))
        {
            throw new FeedException(FeedFailure.Refused, reason);
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(new { query = document, variables });
        var refreshed = false;
        string? staleToken = null;
        for (var attempt = 1; ; attempt++)
        {
            var accessToken =
                refreshed && staleToken is not null
                    ? await tokens.RefreshAsync(staleToken, ct)
                    : await tokens.GetAccessTokenAsync(ct);
            staleToken = null;
            await governor.WaitTurnAsync(ct);
            monitor.CountRequest();

            Outcome failure;
            try
            {
                failure = await SendOnceAsync(body, accessToken, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Given up (a shutdown, a page read ahead whose poll failed) after it was sent: the
                // marketplace may count it, so the log that reseeds the caps after a restart does too.
                await requests.RecordAsync(FeedSource.Api, RequestOutcome.Error, GivenUp, CancellationToken.None);
                throw;
            }
            if (failure.Throttled)
            {
                // The marketplace counts per key and address: the wait holds for every instance.
                await signals.SaveRetryAfterAsync(ct);
            }
            await requests.RecordAsync(
                FeedSource.Api,
                failure.Reply is not null ? RequestOutcome.Ok
                    : failure.Throttled ? RequestOutcome.RateLimited
                    : RequestOutcome.Error,
                failure.Error is { } e ? $"{e.Failure}: {e.Message}" : null,
                CancellationToken.None
            );
            if (failure.Reply is { } reply)
            {
                governor.Succeeded();
                return reply;
            }
            var error = failure.Error!;
            monitor.CountError(error.Message);
            if (failure.Unauthorized && !refreshed)
            {
                refreshed = true;
                staleToken = accessToken;
                logger.LogWarning("The marketplace answered 401; refreshing the token once");
                continue;
            }
            if (!failure.Retry || attempt >= MaxAttempts)
            {
                throw error;
            }
            if (failure.Throttled)
            {
                // The governor holds every request until the wait is over; the next turn waits for it.
                continue;
            }
            var delay = Backoff(attempt);
            logger.LogWarning(
                "Marketplace request failed ({Reason}); retry {Attempt} in {Delay}",
                error.Message,
                attempt,
                delay
            );
            await Task.Delay(delay, clock, ct);
        }
    }

    /// <summary>2 s doubling per attempt up to 60 s, with ±25 % jitter so restarts do not align.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var baseSeconds = Math.Min(60, 2 * Math.Pow(2, attempt - 1));
#pragma warning disable CA5394 // jitter, not security
        var jitter = 0.75 + (Random.Shared.NextDouble() * 0.5);
#pragma warning restore CA5394
        return TimeSpan.FromSeconds(baseSeconds * jitter);
    }

    private sealed record Outcome(
        GraphQlReply? Reply,
        FeedException? Error,
        bool Retry = false,
        bool Unauthorized = false,
        bool Throttled = false
    );

    private async Task<Outcome> SendOnceAsync(byte[] body, string accessToken, CancellationToken ct)
    {
        var o = options.CurrentValue;
        using var request = new HttpRequestMessage(HttpMethod.Post, o.GraphQlEndpoint)
        {
            Content = new ByteArrayContent(body)
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
            },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (!string.IsNullOrWhiteSpace(o.TenantId))
        {
            request.Headers.TryAddWithoutValidation("X-Upwork-API-TenantId", o.TenantId);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.RequestTimeout);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            return new Outcome(
                null,
                new FeedException(FeedFailure.Timeout, $"No answer within {o.RequestTimeout.TotalSeconds:0.#} s.", ex),
                Retry: true
            );
        }
        catch (HttpRequestException ex)
        {
            return new Outcome(
                null,
                new FeedException(FeedFailure.Timeout, $"Connection failed: {ex.Message}", ex),
                Retry: true
            );
        }
        using (response)
        {
            var status = response.StatusCode;
            var looksHtml =
                text.TrimStart().StartsWith('<') || response.Content.Headers.ContentType?.MediaType == "text/html";
            switch (status)
            {
                case HttpStatusCode.TooManyRequests:
                    var wait = governor.Throttled(RetryAfter(response));
                    monitor.Count429();
                    return new Outcome(
                        null,
                        new FeedException(
                            FeedFailure.RateLimited,
                            $"HTTP 429: waiting {wait} before the next request."
                        ),
                        Retry: true,
                        Throttled: true
                    );
                case HttpStatusCode.Unauthorized:
                    return new Outcome(
                        null,
                        new FeedException(
                            FeedFailure.NeedsReconnect,
                            "HTTP 401 after a token refresh: an Admin must reconnect."
                        ),
                        Unauthorized: true
                    );
                case HttpStatusCode.Forbidden when looksHtml:
                    return new Outcome(
                        null,
                        new FeedException(
                            FeedFailure.Blocked,
                            "HTTP 403 with an HTML page: the marketplace's edge blocked this client. Polling is "
                                + "stopped; a human must look before resuming."
                        )
                    );
                case >= HttpStatusCode.InternalServerError:
                    return new Outcome(
                        null,
                        new FeedException(
                            FeedFailure.ServerError,
                            $"HTTP {(int)status}{(looksHtml ? " (HTML body)" : "")}."
                        ),
                        Retry: true
                    );
                case < HttpStatusCode.OK or >= HttpStatusCode.MultipleChoices:
                    return new Outcome(
                        null,
                        new FeedException(FeedFailure.InvalidResponse, $"HTTP {(int)status}: {Snippet(text)}")
                    );
            }
            JsonElement root;
            try
            {
                root = JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException ex)
            {
                // A proxy's error page with 200: transient, like a 5xx.
                return new Outcome(
                    null,
                    new FeedException(FeedFailure.InvalidResponse, $"HTTP 200 without JSON: {Snippet(text)}", ex),
                    Retry: true
                );
            }
            var errors = new List<string>();
            if (root.TryGetProperty("errors", out var errs) && errs.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in errs.EnumerateArray())
                {
                    var message =
                        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m)
                            ? m.ToString()
                            : e.ToString();
                    var classification =
                        e.ValueKind == JsonValueKind.Object
                        && e.TryGetProperty("extensions", out var x)
                        && x.ValueKind == JsonValueKind.Object
                        && x.TryGetProperty("classification", out var cl)
                            ? cl.ToString()
                            : null;
                    errors.Add(classification is null ? message : $"{classification}: {message}");
                }
            }
            var data = root.TryGetProperty("data", out var d) ? d : default;
            if (data.ValueKind != JsonValueKind.Object)
            {
                return new Outcome(
                    null,
                    new FeedException(
                        FeedFailure.GraphQlErrors,
                        errors.Count > 0 ? "GraphQL errors: " + string.Join("; ", errors) : "The reply has no data."
                    )
                );
            }
            return new Outcome(new GraphQlReply(data.Clone(), errors), null);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        return header?.Date is { } date ? date - clock.GetUtcNow() : null;
    }

    private static string Snippet(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length > 200 ? flat[..200] + "…" : flat;
    }
}
