using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace UpworkAssist.Web.Features.Shared;

/// <summary>
/// Every date and time a page shows, in one format and in the reader's time zone, with the UTC
/// instant on hover. The zone is the one the person chose on the Time zone page (their profile,
/// carried in the sign-in cookie as a claim), else the browser's own (site.js reports it in a
/// cookie on every page, the sign-in page included), else UTC.
/// </summary>
public sealed class UserTime(IHttpContextAccessor http)
{
    /// <summary>The browser's zone, as site.js reads it from Intl.</summary>
    public const string BrowserCookie = "ua-tz-browser";

    private const string DateTimeFormat = "d MMM yyyy, HH:mm";
    private const string DateFormat = "d MMM yyyy";

    private TimeZoneInfo? _zone;

    public TimeZoneInfo Zone => _zone ??= Find(Chosen) ?? Find(Cookie(BrowserCookie)) ?? TimeZoneInfo.Utc;

    /// <summary>Whether the zone is the browser's (no choice in the profile).</summary>
    public bool FollowsBrowser => Find(Chosen) is null;

    private string? Chosen => http.HttpContext?.User.FindFirst(Security.AccountClaims.TimeZone)?.Value;

    public string? BrowserZone => Find(Cookie(BrowserCookie))?.Id;

    /// <summary>"28 Nov 2026, 10:00" in the reader's zone, as text (for places that cannot hold markup).</summary>
    public string Text(DateTimeOffset at) => Local(at).ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A &lt;time&gt; element: the local date and time, the UTC instant as its title and datetime.</summary>
    public IHtmlContent Show(DateTimeOffset? at, string none = "—") =>
        at is { } t ? Element(t, Text(t)) : new HtmlString(HtmlEncoder.Default.Encode(none));

    /// <summary>The date alone, for lists where the hour is noise.</summary>
    public IHtmlContent Date(DateTimeOffset? at, string none = "—") =>
        at is { } t
            ? Element(t, Local(t).ToString(DateFormat, CultureInfo.InvariantCulture))
            : new HtmlString(HtmlEncoder.Default.Encode(none));

    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
            return null;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    private DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    private static HtmlString Element(DateTimeOffset at, string text)
    {
        var utc = at.UtcDateTime;
        return new HtmlString(
            $"<time datetime=\"{utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\" "
                + $"title=\"{utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} "
                + $"UTC\">{HtmlEncoder.Default.Encode(text)}</time>"
        );
    }

    private string? Cookie(string name) =>
        http.HttpContext?.Request.Cookies[name] is { } value ? Uri.UnescapeDataString(value) : null;
}
