using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>What an Admin does with the grant: the browser Connect flow, disconnect, halt and resume.</summary>
public sealed partial class MarketplaceTokens
{
    /// <summary>Completes the browser Connect flow: exchanges the code and stores the grant.</summary>
    public async Task ExchangeCodeAsync(string code, Uri redirectUri, string connectedBy, CancellationToken ct)
    {
        var reply = await TokenEndpoint.RequestAsync(
            http.CreateClient(MarketplaceClient.HttpClientName),
            options.CurrentValue,
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri.ToString(),
            },
            ct
        );
        if (reply.Error is { } error)
        {
            throw new FeedException(
                FeedFailure.NeedsReconnect,
                $"The marketplace refused the authorization code ({error})."
            );
        }
        await _refreshGate.WaitAsync(ct);
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var c =
                await db.MarketplaceConnections.SingleOrDefaultAsync(ct)
                ?? db.MarketplaceConnections.Add(new MarketplaceConnection()).Entity;
            var now = clock.GetUtcNow();
            Store(c, reply, now);
            c.Origin = "browser";
            c.ConnectedBy = connectedBy;
            c.ConnectedAt = now;
            c.LastRefreshAt = null;
            c.HaltedAt = null;
            c.HaltReason = null;
            // A configured token, if any, stays behind the browser grant.
            c.ConfigTokenHash = string.IsNullOrWhiteSpace(options.CurrentValue.RefreshToken)
                ? null
                : Hash(options.CurrentValue.RefreshToken.Trim());
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>Forgets the grant. A configured refresh token is not reused until it changes.</summary>
    public async Task DisconnectAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var c = await db.MarketplaceConnections.SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return;
        }
        c.ProtectedAccessToken = null;
        c.ProtectedRefreshToken = null;
        c.AccessTokenExpiresAt = null;
        c.HaltedAt = clock.GetUtcNow();
        c.HaltReason = "Disconnected by an Admin.";
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Halts polling for a reason a human must deal with (e.g. a 403 block page).</summary>
    public async Task HaltAsync(string reason, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var c =
            await db.MarketplaceConnections.SingleOrDefaultAsync(ct)
            ?? db.MarketplaceConnections.Add(new MarketplaceConnection()).Entity;
        c.HaltedAt = clock.GetUtcNow();
        c.HaltReason = reason.Length > 1000 ? reason[..1000] : reason;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Lets polling resume after a block once a human has looked (a grant problem needs Connect instead).
    /// </summary>
    public async Task ResumeAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var c = await db.MarketplaceConnections.SingleOrDefaultAsync(ct);
        if (c is { ProtectedRefreshToken: not null })
        {
            c.HaltedAt = null;
            c.HaltReason = null;
            await db.SaveChangesAsync(ct);
        }
    }
}
