using Microsoft.AspNetCore.Html;

namespace UpworkAssist.Web.Features.Shared;

/// <summary>
/// How a demo posting is told apart, wherever a posting shows (<see cref="Badge"/>): the demo
/// feed gives every posting it makes up this ciphertext prefix.
/// </summary>
public static class DemoPostings
{
    public const string IdPrefix = "~0demo";

    public static bool IsDemo(string? postingId) => postingId?.StartsWith(IdPrefix, StringComparison.Ordinal) == true;

    private static readonly HtmlString Mark = new(
        "<span class=\"badge text-bg-dark\" title=\"Made up by UpworkAssist's demo feed; not a real posting\" "
            + "data-testid=\"demo\">demo</span>"
    );

    /// <summary>
    /// The mark of a demo posting, wherever a posting shows, so a made-up posting never passes for a
    /// real one. Markup from here, not a partial view: lists draw it per row.
    /// </summary>
    public static IHtmlContent Badge(string? postingId) => IsDemo(postingId) ? Mark : HtmlString.Empty;
}
