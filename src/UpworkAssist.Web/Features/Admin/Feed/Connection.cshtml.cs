using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Admin.Feed;

/// <summary>
/// "Marketplace connection": Connect (OAuth2 authorization code with `state`), the callback,
/// Disconnect, Resume after a block, and the grant's status. No marketplace password is ever asked for.
/// </summary>
public sealed class ConnectionModel(
    MarketplaceTokens tokens,
    IOptionsMonitor<UpworkOptions> options,
    IDataProtectionProvider protection,
    AuditLog audit,
    TimeProvider clock
) : PageModel
{
    public const string StateCookie = "ua_oauth_state";
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    public MarketplaceTokens.Status Status { get; private set; } = null!;
    public UpworkOptions Options => options.CurrentValue;
    public Uri CallbackUri =>
        new($"{Request.Scheme}://{Request.Host}{Request.PathBase}/Admin/Feed/Connection?handler=Callback");

    public async Task OnGetAsync(CancellationToken ct) => Status = await tokens.StatusAsync(ct);

    public IActionResult OnPostConnect()
    {
        var o = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(o.ClientId))
        {
            TempData["Error"] =
                "Set Upwork:ClientId and Upwork:ClientSecret first (the feed guide at /Help/feed says how).";
            return RedirectToPage();
        }
        // The state lives only in a cookie protected by Data Protection, bound to an expiry.
        var state = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expires = clock.GetUtcNow() + StateLifetime;
        Response.Cookies.Append(
            StateCookie,
            Protector().Protect($"{expires.UtcTicks}|{state}"),
            new CookieOptions
            {
                HttpOnly = true,
                Secure = Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                MaxAge = StateLifetime,
                Path = "/Admin/Feed",
            }
        );
        var url = QueryHelpers.AddQueryString(
            o.AuthorizeEndpoint.ToString(),
            new Dictionary<string, string?>
            {
                ["response_type"] = "code",
                ["client_id"] = o.ClientId,
                ["redirect_uri"] = CallbackUri.ToString(),
                ["state"] = state,
            }
        );
        return Redirect(url);
    }

    public async Task<IActionResult> OnGetCallbackAsync(
        string? code,
        string? state,
        string? error,
        CancellationToken ct
    )
    {
        var expected = ReadState();
        Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/Admin/Feed" });
        if (error is not null)
        {
            TempData["Error"] = $"The marketplace did not grant access ({error}).";
        }
        else if (
            expected is null
            || string.IsNullOrEmpty(state)
            || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(expected),
                System.Text.Encoding.UTF8.GetBytes(state)
            )
        )
        {
            TempData["Error"] =
                "The connection attempt could not be verified (state mismatch or expired). Try Connect again.";
        }
        else if (string.IsNullOrEmpty(code))
        {
            TempData["Error"] = "The marketplace returned no authorization code.";
        }
        else
        {
            try
            {
                await tokens.ExchangeCodeAsync(code, CallbackUri, User.Identity?.Name ?? "an Admin", ct);
                await audit.RecordAsync("feed.connected", "marketplace", null, "OAuth2 authorization code", ct: ct);
                TempData["Flash"] = "The marketplace is connected. Polling starts with the next poll.";
            }
            catch (FeedException ex)
            {
                TempData["Error"] = ex.Message;
            }
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisconnectAsync(CancellationToken ct)
    {
        await tokens.DisconnectAsync(ct);
        await audit.RecordAsync("feed.disconnected", "marketplace", ct: ct);
        TempData["Flash"] = "Disconnected: the stored grant is deleted and polling is stopped.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResumeAsync(CancellationToken ct)
    {
        await tokens.ResumeAsync(ct);
        await audit.RecordAsync("feed.resumed", "marketplace", ct: ct);
        TempData["Flash"] = "Polling resumes with the next poll.";
        return RedirectToPage();
    }

    private IDataProtector Protector() => protection.CreateProtector("UpworkAssist.Feed.OAuthState");

    private string? ReadState()
    {
        if (Request.Cookies[StateCookie] is not { } cookie)
        {
            return null;
        }
        try
        {
            var parts = Protector().Unprotect(cookie).Split('|', 2);
            return
                parts.Length == 2
                && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var ticks)
                && new DateTimeOffset(ticks, TimeSpan.Zero) > clock.GetUtcNow()
                ? parts[1]
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
