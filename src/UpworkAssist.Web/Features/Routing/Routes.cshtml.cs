using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// A lane's routes (Admin and Lead): add, pause/resume, delete, send a test message, and delivery latency.
/// </summary>
public sealed class RoutesModel(
    AppDbContext db,
    RouteSecrets secrets,
    RouteTester tester,
    DeliveryLatency latency,
    AuditLog audit,
    TimeProvider clock,
    IValidator<RouteInput> validator
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Lane { get; set; } = "";

    [BindProperty]
    public RouteInput Input { get; set; } = new();

    public Lane? Current { get; private set; }
    public IReadOnlyList<AlertRoute> Routes { get; private set; } = [];
    public IReadOnlyList<DeliveryLatency.Row> LastDay { get; private set; } = [];
    public IReadOnlyList<DeliveryLatency.Row> LastWeek { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            return Page();
        }
        var route = new AlertRoute
        {
            LaneId = Lane,
            Kind = Input.Kind,
            Mode = Input.Mode,
            DigestAt = Input.DigestAt,
            QuietFrom = Input.QuietFrom,
            QuietTo = Input.QuietTo,
            TimeZone = Input.TimeZone.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        if (Input.Kind == RouteKind.Slack)
        {
            var secret = Input.SlackSecret!.Trim();
            var channel = string.IsNullOrWhiteSpace(Input.SlackChannel) ? null : Input.SlackChannel.Trim();
            route.SecretProtected = secrets.Protect(secret);
            route.SecretHint = RouteSecrets.Hint(secret);
            route.SlackChannel = channel;
            route.SlackTarget = RouteSecrets.SlackTarget(secret, channel);
        }
        else if (Input.Kind == RouteKind.Email)
        {
            route.EmailTo = string.Join(", ", AlertPlanner.EmailAddresses(Input.EmailTo));
        }
        else
        {
            ChannelTargets.Apply(route, Input, secrets);
        }
        db.AlertRoutes.Add(route);
        audit.Add("route.created", "lane", Lane, Describe(route));
        await db.SaveChangesAsync(ct);
        Message = "Route added.";
        return RedirectToPage(new { lane = Lane });
    }

    public Task<IActionResult> OnPostToggleAsync(long id, CancellationToken ct) =>
        ChangeAsync(
            id,
            r =>
            {
                r.Enabled = !r.Enabled;
                return r.Enabled ? "route.enabled" : "route.disabled";
            },
            ct
        );

    public Task<IActionResult> OnPostResumeAsync(long id, CancellationToken ct) =>
        ChangeAsync(
            id,
            r =>
            {
                r.PausedAt = null;
                r.PausedReason = null;
                // Alerts held while the route was paused go out now, oldest first.
                db.Alerts.Where(a => a.RouteId == r.Id && a.Status == AlertStatus.Paused)
                    .ExecuteUpdate(s => s.SetProperty(a => a.Status, AlertStatus.Pending));
                return "route.resumed";
            },
            ct
        );

    public Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct) =>
        ChangeAsync(
            id,
            r =>
            {
                db.AlertRoutes.Remove(r);
                return "route.deleted";
            },
            ct
        );

    public async Task<IActionResult> OnPostTestAsync(long id, CancellationToken ct)
    {
        var route = await db
            .AlertRoutes.Include(r => r.Lane)
            .SingleOrDefaultAsync(r => r.Id == id && r.LaneId == Lane, ct);
        if (route is null)
        {
            return NotFound();
        }
        var results = await tester.SendAsync(route, ct);
        var failed = results.Where(r => r.Outcome.Status != SendStatus.Delivered).ToList();
        Message =
            failed.Count == 0
                ? "Test message sent."
                : "Test message failed: " + string.Join("; ", failed.Select(f => f.Outcome.Error));
        await audit.RecordAsync(
            "route.test_sent",
            "lane",
            Lane,
            $"{Describe(route)}: {(failed.Count == 0 ? "sent" : "failed")}",
            ct: ct
        );
        return RedirectToPage(new { lane = Lane });
    }

    private async Task<IActionResult> ChangeAsync(long id, Func<AlertRoute, string> change, CancellationToken ct)
    {
        var route = await db.AlertRoutes.SingleOrDefaultAsync(r => r.Id == id && r.LaneId == Lane, ct);
        if (route is null)
        {
            return NotFound();
        }
        var action = change(route);
        audit.Add(action, "lane", Lane, Describe(route));
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { lane = Lane });
    }

    /// <summary>What a route is, safe for pages and the audit trail: never the secret itself.</summary>
    public static string Describe(AlertRoute r) =>
        r.Kind switch
        {
            RouteKind.Slack =>
                $"Slack {(r.SlackChannel is { } c ? $"{c} via bot token {r.SecretHint}" : $"webhook {r.SecretHint}")}",
            RouteKind.Telegram => $"Telegram {r.SecretHint}",
            RouteKind.Discord => $"Discord webhook {r.SecretHint}",
            RouteKind.Teams => $"Teams workflow {r.SecretHint}",
            _ => $"E-mail to {r.EmailTo}",
        };

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Current = await db.Lanes.AsNoTracking().SingleOrDefaultAsync(l => l.Id == Lane, ct);
        if (Current is null)
        {
            return false;
        }
        Routes = await db.AlertRoutes.AsNoTracking().Where(r => r.LaneId == Lane).OrderBy(r => r.Id).ToListAsync(ct);
        LastDay = await latency.ForLaneAsync(Lane, TimeSpan.FromDays(1), ct);
        LastWeek = await latency.ForLaneAsync(Lane, TimeSpan.FromDays(7), ct);
        return true;
    }
}
