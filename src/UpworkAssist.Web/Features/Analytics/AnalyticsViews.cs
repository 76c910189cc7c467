using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>A breakdown table on the page, with the CSV table that exports it.</summary>
public sealed record FunnelTable(string Csv, string Title, string Group, IReadOnlyList<Breakdown> Rows, int MinimumSample, IReadOnlyDictionary<string, string> Route);

/// <summary>How the page writes numbers: one place, so tables and cards agree.</summary>
public static class Show
{
    public static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Interval(Rate r) => r.Trials == 0 ? "" : $"[{Percent(r.Low)} – {Percent(r.High)}]";

    public static string Range(Baseline b) => $"{(b.Low * 100).ToString("0.#", CultureInfo.InvariantCulture)}–{(b.High * 100).ToString("0.#", CultureInfo.InvariantCulture)}%";

    public static string Number(double? value, string format = "0.#") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// A rate, its interval and the small-sample badge. Written here rather than as a partial view:
    /// the page shows a few hundred of them, and a partial per cell cost more than the numbers.
    /// Everything in it is a number, so nothing needs encoding beyond the fixed text.
    /// </summary>
    public static IHtmlContent Rate(Rate rate, int minimumSample)
    {
        var html = $"<span class=\"text-nowrap\">{Percent(rate.Value)}</span> <span class=\"small text-body-secondary text-nowrap\">{Interval(rate)}</span>";
        if (rate.Trials > 0 && rate.Trials < minimumSample)
        {
            html += $" <span class=\"badge text-bg-warning\" title=\"Fewer than {minimumSample} proposals: the interval is wide; do not steer by this rate yet.\" data-testid=\"small-sample\">n={rate.Trials}</span>";
        }
        return new HtmlString(html);
    }

    public static string Money(decimal? value) => value is { } v ? "$" + v.ToString("#,0.##", CultureInfo.InvariantCulture) : "—";
}
