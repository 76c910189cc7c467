using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// Measures every compliance signal from the store at one instant of the injected clock and
/// judges it against <see cref="ComplianceOptions"/>, the marketplace caps and the pace cap.
/// </summary>
public sealed partial class ComplianceSignals(
    AppDbContext db,
    MarketplaceTokens tokens,
    FeedGaps gaps,
    IOptionsMonitor<UpworkOptions> upwork,
    IOptionsMonitor<DraftingOptions> drafting,
    IOptionsMonitor<ComplianceOptions> options,
    TimeProvider clock
)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<ComplianceState> MeasureAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var o = options.CurrentValue;
        var signals = new List<Signal>();
        signals.AddRange(await RequestSignalsAsync(now, o, ct));
        var connection = await tokens.StatusAsync(ct);
        var demo = upwork.CurrentValue.EffectiveMode == FeedMode.Demo;
        signals.Add(Connection(connection, demo));
        signals.Add(TokenAge(connection, now, demo));
        signals.Add(Scopes(connection, demo));
        signals.Add(await FeedCompletenessAsync(ct));
        signals.Add(await NodesAsync(now, ct));
        var (pace, people) = await PaceAsync(now, o, ct);
        signals.Add(pace);
        signals.Add(await UneditedAsync(now, o, ct));
        signals.Add(await OutsideAsync(now, o, ct));
        signals.Add(await NotFoundAsync(now, o, ct));
        signals.Add(await AlertsAsync(now, o, ct));
        signals.AddRange(await InventoryAsync(ct));
        signals.Add(await ReviewAsync(now, o, ct));
        return new ComplianceState(now, signals, people);
    }

    private async Task<List<Signal>> RequestSignalsAsync(DateTimeOffset now, ComplianceOptions o, CancellationToken ct)
    {
        var u = upwork.CurrentValue;
        var requests = db.MarketplaceRequests.AsNoTracking();
        DateTimeOffset minuteAgo = now.AddMinutes(-1),
            dayAgo = now.AddDays(-1),
            weekAgo = now.AddDays(-7);
        var minute = await requests.CountAsync(r => r.At > minuteAgo, ct);
        var day = await requests.CountAsync(r => r.At > dayAgo, ct);
        var limitedDay = await requests.CountAsync(r => r.At > dayAgo && r.Outcome == RequestOutcome.RateLimited, ct);
        var limitedWeek = await requests.CountAsync(r => r.At > weekAgo && r.Outcome == RequestOutcome.RateLimited, ct);
        var errorsDay = await requests.CountAsync(r => r.At > dayAgo && r.Outcome == RequestOutcome.Error, ct);
        var errorsWeek = await requests.CountAsync(r => r.At > weekAgo && r.Outcome == RequestOutcome.Error, ct);
        var signals = new List<Signal>();

        signals.Add(
            Usage(
                "requests-minute",
                "API requests this minute",
                minute,
                u.MaxRequestsPerMinute,
                "the last 60 seconds",
                o
            )
        );
        signals.Add(Usage("requests-day", "API requests today", day, u.MaxRequestsPerDay, "the last 24 hours", o));

        var limitedVerdict =
            limitedDay >= o.RateLimitedRedPerDay || limitedWeek >= o.RateLimitedRedPerWeek ? Verdict.Red
            : limitedWeek > 0 ? Verdict.Amber
            : Verdict.Green;
        signals.Add(
            new Signal(
                "rate-limited",
                "Rate-limit answers (HTTP 429)",
                $"{limitedDay} in the last day, {limitedWeek} in the last week",
                $"green: none in a week; amber: any; red: {o.RateLimitedRedPerDay}+ in a day or "
                    + $"{o.RateLimitedRedPerWeek}+ in a week",
                limitedVerdict,
                limitedVerdict switch
                {
                    Verdict.Green => "The marketplace has not asked this installation to slow down in the last week.",
                    Verdict.Amber =>
                        "The marketplace asked this installation to slow down; the client waited as told. Check the "
                            + "caps and poll interval.",
                    _ => "Frequent rate-limit answers: lower Upwork:MaxRequestsPerMinute or lengthen "
                        + "Upwork:PollInterval, and find what else uses the same API key.",
                }
            )
        );

        var rate = day == 0 ? 0 : 100.0 * errorsDay / day;
        var errorVerdict =
            rate >= o.ErrorRedPercent ? Verdict.Red
            : rate >= o.ErrorAmberPercent ? Verdict.Amber
            : Verdict.Green;
        signals.Add(
            new Signal(
                "errors",
                "Other API errors",
                $"{errorsDay} in the last day ({rate.ToString("0.#", Inv)} % of {day} requests), {errorsWeek} in "
                    + $"the last week",
                $"green: below {o.ErrorAmberPercent.ToString(Inv)} % of the day's requests; amber: from "
                    + $"{o.ErrorAmberPercent.ToString(Inv)} %; red: from {o.ErrorRedPercent.ToString(Inv)} %",
                errorVerdict,
                errorVerdict switch
                {
                    Verdict.Green => errorsDay == 0
                        ? "No failed requests in the last day."
                        : "A few failed requests, within the normal noise of a network service.",
                    Verdict.Amber => "More requests fail than usual; see Feed status for the last error.",
                    _ => "Many requests fail: the feed may be misconfigured or blocked; see Feed status before it "
                        + "polls again.",
                }
            )
        );
        return signals;
    }

    private static Signal Usage(string key, string name, int used, int cap, string window, ComplianceOptions o)
    {
        var percent = 100.0 * used / cap;
        var verdict =
            used >= cap ? Verdict.Red
            : percent >= o.UsageAmberPercent ? Verdict.Amber
            : Verdict.Green;
        return new Signal(
            key,
            name,
            $"{used} of {cap} in {window} ({percent.ToString("0.#", Inv)} %)",
            $"green: below {o.UsageAmberPercent} % of the cap; amber: from {o.UsageAmberPercent} %; red: at the cap",
            verdict,
            verdict switch
            {
                Verdict.Green => "Well inside the client-side cap.",
                Verdict.Amber => "Close to the cap: the rate governor will start holding requests back.",
                _ => "At the cap: the rate governor is holding requests until the window frees a turn.",
            }
        );
    }

    private static Signal Connection(MarketplaceTokens.Status s, bool demo)
    {
        const string name = "Marketplace connection";
        const string thresholds =
            "green: demo feed, or connected by OAuth and polling; amber: API mode not connected; red: polling halted";
        if (demo)
        {
            return new Signal(
                "connection",
                name,
                "Demo feed",
                thresholds,
                Verdict.Green,
                "The demo feed uses no marketplace account at all."
            );
        }
        if (s.HaltReason is not null)
        {
            return new Signal(
                "connection",
                name,
                "Halted",
                thresholds,
                Verdict.Red,
                "Polling is stopped for a human: " + s.HaltReason
            );
        }
        return s.Connected
            ? new Signal(
                "connection",
                name,
                $"Connected by OAuth ({s.Origin})",
                thresholds,
                Verdict.Green,
                "The official API through an OAuth grant: no marketplace password is stored or used."
            )
            : new Signal(
                "connection",
                name,
                "Not connected",
                thresholds,
                Verdict.Amber,
                "API mode without a grant: an Admin must connect (OAuth, never a password)."
            );
    }
}
