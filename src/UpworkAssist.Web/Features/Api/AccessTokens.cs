using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Api;

/// <summary>
/// Issues, finds and revokes personal access tokens. The secret is shown once and only its hash is kept.
/// </summary>
public sealed class AccessTokens(AppDbContext db, TimeProvider clock)
{
    public const string TokenPrefix = "uat_";

    public sealed record Issued(AccessToken Token, string Secret);

    public async Task<Issued> IssueAsync(string userId, string name, TimeSpan? lifetime, CancellationToken ct)
    {
        var secret = TokenPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var token = new AccessToken
        {
            UserId = userId,
            Name = name.Trim(),
            Prefix = secret[..12],
            Hash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = lifetime is { } l ? now + l : null,
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new Issued(token, secret);
    }

    /// <summary>
    /// The live token for a presented secret, or null if unknown, revoked, expired or its owner is disabled.
    /// </summary>
    public async Task<AccessToken?> FindLiveAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        var hash = Hash(secret);
        var token = await db.AccessTokens.Include(t => t.User).SingleOrDefaultAsync(t => t.Hash == hash, ct);
        var now = clock.GetUtcNow();
        if (
            token is null
            || token.RevokedAt is not null
            || token.ExpiresAt <= now
            || token.User is null
            || token.User.IsDisabled
        )
        {
            return null;
        }
        // Record use at most once a minute so API reads do not turn into writes.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return token;
    }

    public async Task<bool> RevokeAsync(string userId, long tokenId, CancellationToken ct)
    {
        var token = await db.AccessTokens.SingleOrDefaultAsync(
            t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null,
            ct
        );
        if (token is null)
        {
            return false;
        }
        token.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Ends every live token of a user (a password change ends the API sessions too); returns how many.
    /// </summary>
    public Task<int> RevokeAllAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db
            .AccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    internal static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
