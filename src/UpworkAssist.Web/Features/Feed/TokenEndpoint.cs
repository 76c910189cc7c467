using System.Globalization;
using System.Net;
using System.Text.Json;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The OAuth2 token endpoint (UPWORK_API.md "Endpoints and auth"): what goes over the wire and how
/// its replies read; <see cref="MarketplaceTokens"/> decides what to do with them.
/// </summary>
internal static class TokenEndpoint
{
    public sealed record Reply(
        string? AccessToken,
        string? RefreshToken,
        TimeSpan ExpiresIn,
        string? Error,
        string? Scope = null
    );

    /// <summary>
    /// Posts one grant (form-encoded, with the client's id and secret) and reads the reply; a refusal comes back as
    /// <see cref="Reply.Error"/>. `Upwork:RequestTimeout` bounds it, as it bounds a search.
    /// </summary>
    public static async Task<Reply> RequestAsync(
        HttpClient client,
        UpworkOptions o,
        Dictionary<string, string> form,
        CancellationToken ct
    )
    {
        form["client_id"] = o.ClientId ?? "";
        form["client_secret"] = o.ClientSecret ?? "";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.RequestTimeout);
        HttpResponseMessage response;
        string body;
        try
        {
            using var content = new FormUrlEncodedContent(form);
            response = await client.PostAsync(o.TokenEndpoint, content, timeout.Token);
            try
            {
                body = await response.Content.ReadAsStringAsync(timeout.Token);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        catch (HttpRequestException ex)
        {
            throw new FeedException(FeedFailure.Timeout, "The token endpoint could not be reached.", ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new FeedException(
                FeedFailure.Timeout,
                $"The token endpoint did not answer within {o.RequestTimeout.TotalSeconds:0.#} s.",
                ex
            );
        }
        using (response)
        {
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(body).RootElement;
            }
            catch (JsonException)
            {
                throw new FeedException(
                    response.StatusCode >= HttpStatusCode.InternalServerError
                        ? FeedFailure.ServerError
                        : FeedFailure.InvalidResponse,
                    $"The token endpoint answered {(int)response.StatusCode} without JSON."
                );
            }
            if (
                !response.IsSuccessStatusCode
                || !json.TryGetProperty("access_token", out var access)
                || access.ValueKind != JsonValueKind.String
            )
            {
                var error =
                    json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var e)
                        ? e.ToString()
                        : $"HTTP {(int)response.StatusCode}";
                return new Reply(null, null, TimeSpan.Zero, error);
            }
            var expires = TimeSpan.FromHours(24);
            if (json.TryGetProperty("expires_in", out var exp))
            {
                // expires_in may come as a number or a string.
                var seconds =
                    exp.ValueKind == JsonValueKind.Number ? exp.GetDouble()
                    : double.TryParse(exp.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s
                    : 86400;
                expires = TimeSpan.FromSeconds(Math.Clamp(seconds, 60, 30 * 86400));
            }
            var refresh =
                json.TryGetProperty("refresh_token", out var r) && r.ValueKind == JsonValueKind.String
                    ? r.GetString()
                    : null;
            var scope =
                json.TryGetProperty("scope", out var sc) && sc.ValueKind == JsonValueKind.String
                    ? sc.GetString()
                    : null;
            return new Reply(access.GetString(), refresh, expires, null, scope);
        }
    }
}
