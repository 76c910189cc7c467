using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The OAuth2 grant: refresh ahead of expiry and on demand, rotation stored at once, and
/// invalid_grant turned into a halted feed; what an Admin does with the grant (connect, disconnect,
/// halt, resume) is in MarketplaceTokens.Connection.cs. Tokens are kept only protected by Data
/// Protection and never logged.
/// </summary>
public sealed partial class MarketplaceTokens(
    IDbContextFactory<AppDbContext> dbs,
    IDataProtectionProvider protection,
    IHttpClientFactory http,
    IOptionsMonitor<UpworkOptions> options,
    TimeProvider clock,
    ILogger<MarketplaceTokens> logger
) : IDisposable
{
    public const string ProtectorPurpose = "UpworkAssist.Feed.MarketplaceTokens";

    /// <summary>Refresh this long before the access token expires.</summary>
    public static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = protection.CreateProtector(ProtectorPurpose);
    private readonly SemaphoreSlim _refreshGate = new(1, 1);

    /// <summary>
    /// A newly issued refresh token lasts 14 days (UPWORK_API.md); from day 10 without a refresh a person is warned.
    /// </summary>
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(14);
    public static readonly TimeSpan RefreshTokenWarnAfter = TimeSpan.FromDays(10);

    /// <summary>Write scopes the product must never hold (UPWORK_API.md "scopes").</summary>
    public static bool IsWriteScope(string scope) => scope.Contains(":write", StringComparison.OrdinalIgnoreCase);

    public sealed record Status(
        bool Connected,
        string? Origin,
        string? ConnectedBy,
        DateTimeOffset? ConnectedAt,
        DateTimeOffset? AccessTokenExpiresAt,
        DateTimeOffset? LastRefreshAt,
        DateTimeOffset? HaltedAt,
        string? HaltReason,
        string? Scope = null
    )
    {
        /// <summary>When the refresh token in use was issued: the last refresh, else the connection.</summary>
        public DateTimeOffset? RefreshTokenIssuedAt => LastRefreshAt ?? ConnectedAt;

        public IReadOnlyList<string> Scopes => (Scope ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);

        public IReadOnlyList<string> WriteScopes => Scopes.Where(IsWriteScope).ToList();

        /// <summary>Days until a person must reconnect, once the warning period has begun; null before it.</summary>
        public int? DaysLeftWhenAgeing(DateTimeOffset now) =>
            Connected && RefreshTokenIssuedAt is { } issued && now - issued >= RefreshTokenWarnAfter
                ? Math.Max(0, (int)Math.Ceiling((issued + RefreshTokenLifetime - now).TotalDays))
                : null;
    }

    public async Task<Status> StatusAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var c = await db.MarketplaceConnections.AsNoTracking().SingleOrDefaultAsync(ct);
        return c is null
            ? new Status(false, null, null, null, null, null, null, null)
            : new Status(
                c.ProtectedRefreshToken is not null,
                c.Origin,
                c.ConnectedBy,
                c.ConnectedAt,
                c.AccessTokenExpiresAt,
                c.LastRefreshAt,
                c.HaltedAt,
                c.HaltReason,
                c.Scope
            );
    }

    /// <summary>A live access token, refreshed first when it expires within <see cref="RefreshAhead"/>.</summary>
    public async Task<string> GetAccessTokenAsync(CancellationToken ct)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var c = await db.MarketplaceConnections.AsNoTracking().SingleOrDefaultAsync(ct);
            if (
                c is { HaltedAt: null, ProtectedAccessToken: { } access }
                && c.AccessTokenExpiresAt > clock.GetUtcNow() + RefreshAhead
            )
            {
                return _protector.Unprotect(access);
            }
        }
        return await RefreshAsync(staleAccessToken: null, ct);
    }

    /// <summary>
    /// Refreshes the grant. With a stale token given (after a 401), a token another caller refreshed
    /// meanwhile is returned instead of refreshing twice.
    /// </summary>
    public async Task<string> RefreshAsync(string? staleAccessToken, CancellationToken ct)
    {
        await _refreshGate.WaitAsync(ct);
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var c = await db.MarketplaceConnections.SingleOrDefaultAsync(ct);
            var now = clock.GetUtcNow();
            if (
                c?.ProtectedAccessToken is { } current
                && c.HaltedAt is null
                && c.AccessTokenExpiresAt > now + RefreshAhead
            )
            {
                var token = _protector.Unprotect(current);
                if (staleAccessToken is null || token != staleAccessToken)
                {
                    return token;
                }
            }

            var o = options.CurrentValue;
            var configured = string.IsNullOrWhiteSpace(o.RefreshToken) ? null : o.RefreshToken.Trim();
            var configuredHash = configured is null ? null : Hash(configured);
            string refreshToken;
            // The configured token is used once; after that the stored (rotated) token wins,
            // unless the operator puts a different token in configuration.
            if (
                configured is not null
                && (c?.ProtectedRefreshToken is null || (c.HaltedAt is not null && c.ConfigTokenHash != configuredHash))
            )
            {
                c ??= db.MarketplaceConnections.Add(new MarketplaceConnection()).Entity;
                c.Origin = "configuration";
                c.ConnectedBy = "Upwork:RefreshToken";
                c.ConnectedAt = now;
                c.ConfigTokenHash = configuredHash;
                c.HaltedAt = null;
                c.HaltReason = null;
                refreshToken = configured;
            }
            else if (c?.ProtectedRefreshToken is { } stored && c.HaltedAt is null)
            {
                refreshToken = _protector.Unprotect(stored);
            }
            else
            {
                throw new FeedException(
                    FeedFailure.NeedsReconnect,
                    c?.HaltReason ?? "The marketplace is not connected: an Admin must connect it."
                );
            }

            // A refresh rotates the grant: once asked, its answer is read and stored whatever happens to
            // the caller (a page read ahead given up, a shutdown), or the new refresh token is lost with
            // it and the old one no longer works. The endpoint's own timeout bounds the wait.
            var reply = await TokenEndpoint.RequestAsync(
                http.CreateClient(MarketplaceClient.HttpClientName),
                options.CurrentValue,
                new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken },
                CancellationToken.None
            );
            ct = CancellationToken.None; // from here on the answer is stored, whatever the caller does
            if (reply.Error is { } error)
            {
                if (
                    error == "invalid_grant"
                    && c.Id == MarketplaceConnection.SingletonId
                    && db.Entry(c).State != EntityState.Added
                )
                {
                    c.HaltedAt = now;
                    c.HaltReason =
                        "The marketplace refused the stored grant (invalid_grant): an Admin must reconnect. Polling "
                        + "is stopped.";
                    c.ProtectedAccessToken = null;
                    await db.SaveChangesAsync(ct);
                    logger.LogError("Token refresh failed with invalid_grant; polling stops until an Admin reconnects");
                    throw new FeedException(FeedFailure.NeedsReconnect, c.HaltReason);
                }
                if (error == "invalid_grant")
                {
                    // A configured token that never worked: remember it so it is not retried until it changes.
                    c.HaltedAt = now;
                    c.HaltReason =
                        "The configured Upwork:RefreshToken was refused (invalid_grant): set a new one, or "
                        + "reconnect in the browser. Polling is stopped.";
                    await db.SaveChangesAsync(ct);
                    logger.LogError("The configured refresh token was refused with invalid_grant; polling stops");
                    throw new FeedException(FeedFailure.NeedsReconnect, c.HaltReason);
                }
                throw new FeedException(FeedFailure.ServerError, $"Token refresh failed: {error}");
            }
            Store(c, reply, now);
            c.LastRefreshAt = now;
            await db.SaveChangesAsync(ct);
            logger.LogInformation(
                "Marketplace access token refreshed; it expires at {ExpiresAt}",
                c.AccessTokenExpiresAt
            );
            return reply.AccessToken!;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private void Store(MarketplaceConnection c, TokenEndpoint.Reply reply, DateTimeOffset now)
    {
        c.ProtectedAccessToken = _protector.Protect(reply.AccessToken!);
        c.AccessTokenExpiresAt = now + reply.ExpiresIn;
        // Store a rotated refresh token whenever one is returned.
        if (!string.IsNullOrEmpty(reply.RefreshToken))
        {
            c.ProtectedRefreshToken = _protector.Protect(reply.RefreshToken);
        }
        if (reply.Scope is { } scope)
        {
            c.Scope = scope.Length > 2000 ? scope[..2000] : scope;
        }
        c.TokenAgeAlertedAt = null;
    }

    public void Dispose() => _refreshGate.Dispose();

    private static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
