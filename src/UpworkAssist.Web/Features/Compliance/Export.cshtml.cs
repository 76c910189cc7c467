using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UpworkAssist.Web.Features.Audit;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// Export for a reviewer (Admins and Managers): everything as JSON, or the audit log and the daily figures as CSV.
/// </summary>
public sealed class ExportModel(ComplianceExport export, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public void OnGet() => Defaults();

    public Task<IActionResult> OnGetJsonAsync(CancellationToken ct) =>
        FileAsync("json", r => JsonSerializer.Serialize(r, ComplianceExport.Json), "application/json", ct);

    public Task<IActionResult> OnGetAuditCsvAsync(CancellationToken ct) =>
        FileAsync("audit-log", r => ComplianceExport.AuditCsv(r.AuditLog), "text/csv", ct);

    public Task<IActionResult> OnGetDailyCsvAsync(CancellationToken ct) =>
        FileAsync("daily", r => ComplianceExport.DaysCsv(r.Days), "text/csv", ct);

    private async Task<IActionResult> FileAsync(
        string kind,
        Func<ComplianceExport.Report, string> render,
        string contentType,
        CancellationToken ct
    )
    {
        Defaults();
        if (To < From || To!.Value.DayNumber - From!.Value.DayNumber >= ComplianceExport.MaxDays)
        {
            ModelState.AddModelError(
                nameof(To),
                $"Choose a period of 1 to {ComplianceExport.MaxDays} days, ending on or after its start."
            );
            return Page();
        }
        var report = await export.BuildAsync(From.Value, To.Value, ct);
        var period = string.Join(
            '_',
            From.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            To.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        );
        await audit.RecordAsync(
            AuditActions.ComplianceExported,
            "export",
            kind,
            $"{period}: {report.AuditLog.Count} audit events, {report.Days.Count} days",
            ct: ct
        );
        var name = kind == "json" ? $"upworkassist-compliance-{period}.json" : $"upworkassist-{kind}-{period}.csv";
        return File(Encoding.UTF8.GetBytes(render(report)), contentType + "; charset=utf-8", name);
    }

    private void Defaults()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        To ??= today;
        From ??= To.Value.AddDays(-89);
    }
}
