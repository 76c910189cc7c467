using Microsoft.AspNetCore.Mvc.RazorPages;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>The compliance centre: every signal measured now, with its verdict, thresholds and reason.</summary>
public sealed class IndexModel(ComplianceSignals signals) : PageModel
{
    public ComplianceState State { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => State = await signals.MeasureAsync(ct);

    public static string Badge(Verdict v) => v switch
    {
        Verdict.Green => "text-bg-success",
        Verdict.Amber => "text-bg-warning",
        _ => "text-bg-danger",
    };
}
