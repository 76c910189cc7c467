using System.Globalization;

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

    public static string Money(decimal? value) => value is { } v ? "$" + v.ToString("#,0.##", CultureInfo.InvariantCulture) : "—";
}
