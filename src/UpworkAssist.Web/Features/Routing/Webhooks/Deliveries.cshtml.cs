using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;

namespace UpworkAssist.Web.Features.Routing.Webhooks;

/// <summary>One endpoint's delivery log (status, time, response code, attempts) with "Redeliver".</summary>
public sealed class DeliveriesModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)]
    public long Endpoint { get; set; }

    public WebhookEndpoint? Current { get; private set; }
    public IReadOnlyList<WebhookDelivery> Rows { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Current = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == Endpoint, ct);
        if (Current is null)
        {
            return NotFound();
        }
        Rows = await db
            .WebhookDeliveries.AsNoTracking()
            .Where(d => d.EndpointId == Endpoint)
            .OrderByDescending(d => d.Id)
            .Take(PageSize)
            .ToListAsync(ct);
        return Page();
    }

    /// <summary>
    /// Sends the same event (same id and body, freshly signed) again, with a new 24 hours of retries.
    /// </summary>
    public async Task<IActionResult> OnPostRedeliverAsync(long id, CancellationToken ct)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == id && d.EndpointId == Endpoint, ct);
        if (delivery is null)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow();
        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.NextAttemptAt = now;
        delivery.RetryFrom = now;
        delivery.ClaimedAt = null;
        audit.Add(
            "webhook.redelivered",
            "webhook",
            Endpoint.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{delivery.EventType} {delivery.EventId}"
        );
        await db.SaveChangesAsync(ct);
        Message = "Queued for redelivery.";
        return RedirectToPage(new { endpoint = Endpoint });
    }
}
