using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace UpworkAssist.Web.Features.Analytics;

/// <summary>A breakdown table on the page, with the CSV table that exports it.</summary>
public sealed record FunnelTable(
    string Csv,
    string Title,
    string Group,
    IReadOnlyList<Breakdown> Rows,
    int MinimumSample,
    string CsvUrl
);

/// <summary>How the page writes numbers: one place, so tables and cards agree.</summary>
public static class Show
{
    public static string Percent(double? value) =>
        value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Range(Baseline b) =>
        (b.Low * 100).ToString("0.#", CultureInfo.InvariantCulture)
        + "–"
        + (b.High * 100).ToString("0.#", CultureInfo.InvariantCulture)
        + "%";

    public static string Number(double? value, string format = "0.#") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// A rate, its interval and the small-sample badge. Written straight to the page rather than
    /// through a partial view or a string per cell: the page shows a few hundred of them, and a
    /// partial (or the strings) per cell cost more than the numbers. Everything in it is a number,
    /// so nothing needs encoding beyond the fixed text.
    /// </summary>
    public static IHtmlContent Rate(Rate rate, int minimumSample) => new RateCell(rate, minimumSample);

    private sealed class RateCell(Rate rate, int minimumSample) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            writer.Write("<span class=\"text-nowrap\">");
            WritePercent(writer, rate.Value);
            writer.Write("</span> <span class=\"small text-body-secondary text-nowrap\">");
            if (rate.Trials > 0)
            {
                writer.Write('[');
                WritePercent(writer, rate.Low);
                writer.Write(" – ");
                WritePercent(writer, rate.High);
                writer.Write(']');
            }
            writer.Write("</span>");
            if (rate.Trials > 0 && rate.Trials < minimumSample)
            {
                writer.Write(" <span class=\"badge text-bg-warning\" title=\"Fewer than ");
                WriteNumber(writer, minimumSample);
                writer.Write(
                    " proposals: the interval is wide; do not steer by this rate yet.\" data-testid=\"small-sample\">n="
                );
                WriteNumber(writer, rate.Trials);
                writer.Write("</span>");
            }
        }

        private static void WritePercent(TextWriter writer, double? value)
        {
            Span<char> text = stackalloc char[32];
            if (value is { } v && (v * 100).TryFormat(text, out var length, "0.0", CultureInfo.InvariantCulture))
            {
                writer.Write(text[..length]);
                writer.Write('%');
            }
            else
            {
                writer.Write(Percent(value));
            }
        }

        private static void WriteNumber(TextWriter writer, int value)
        {
            Span<char> text = stackalloc char[12];
            writer.Write(
                value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture)
                    ? text[..length]
                    : value.ToString(CultureInfo.InvariantCulture)
            );
        }
    }

    public static string Money(decimal? value) =>
        value is { } v ? "$" + v.ToString("#,0.##", CultureInfo.InvariantCulture) : "—";
}
