using System.Globalization;
using Microsoft.AspNetCore.Identity;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Home;

/// <summary>
/// When a person last visited the home page, kept as Identity user tokens (no table of its own).
/// A visit is a home page opened more than <see cref="NewVisitAfter"/> after the one before, so
/// a reload (or the live refresh) does not reset "new since your last visit" to nothing.
/// </summary>
public sealed class HomeVisits(UserManager<AppUser> users, TimeProvider clock)
{
    private const string Provider = "UpworkAssist";
    private const string Previous = "home-previous-visit";
    private const string Latest = "home-latest-visit";

    public static readonly TimeSpan NewVisitAfter = TimeSpan.FromMinutes(30);

    /// <summary>A first visit counts from one retention window back: older postings are gone.</summary>
    public static readonly TimeSpan FirstVisitLooksBack = TimeSpan.FromDays(1);

    /// <summary>
    /// The start of "since your last visit", recording this visit unless <paramref name="record"/> is false.
    /// </summary>
    public async Task<DateTimeOffset> SinceAsync(AppUser user, bool record)
    {
        var now = clock.GetUtcNow();
        var previous = await ReadAsync(user, Previous);
        var latest = await ReadAsync(user, Latest);
        if (record && (latest is null || now - latest.Value > NewVisitAfter))
        {
            previous = latest;
            if (latest is not null)
                await WriteAsync(user, Previous, latest.Value);
            await WriteAsync(user, Latest, now);
        }
        return previous ?? now - FirstVisitLooksBack;
    }

    private async Task<DateTimeOffset?> ReadAsync(AppUser user, string name) =>
        long.TryParse(
            await users.GetAuthenticationTokenAsync(user, Provider, name),
            NumberStyles.None,
            CultureInfo.InvariantCulture,
            out var ticks
        )
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;

    private Task<IdentityResult> WriteAsync(AppUser user, string name, DateTimeOffset at) =>
        users.SetAuthenticationTokenAsync(user, Provider, name, at.UtcTicks.ToString(CultureInfo.InvariantCulture));
}
