using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>The compliance centre: every signal measured now, with its verdict, thresholds and reason.</summary>
public sealed class IndexModel(ComplianceSignals signals, IOptionsMonitor<UpworkOptions> upwork) : PageModel
{
    public ComplianceState State { get; private set; } = null!;

    /// <summary>
    /// The marketplace organization the feed reads as: an agency in several organizations must pick one.
    /// </summary>
    public string Organization =>
        upwork.CurrentValue switch
        {
            { EffectiveMode: FeedMode.Demo } => "none (demo feed)",
            { TenantId: { } tenant } when !string.IsNullOrWhiteSpace(tenant) => tenant.Trim() + " (Upwork:TenantId)",
            _ => "account default (Upwork:TenantId is not set)",
        };

    public async Task OnGetAsync(CancellationToken ct) => State = await signals.MeasureAsync(ct);

    public static string Badge(Verdict v) =>
        v switch
        {
            Verdict.Green => "text-bg-success",
            Verdict.Amber => "text-bg-warning",
            _ => "text-bg-danger",
        };
}
