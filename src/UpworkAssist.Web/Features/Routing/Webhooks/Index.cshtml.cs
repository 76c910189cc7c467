using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Routing.Webhooks;

/// <summary>The "add endpoint" form. The signing secret is made by the server, never typed.</summary>
public sealed record WebhookInput
{
    public string Url { get; init; } = "";
    public List<string> Events { get; init; } = [];
}

internal sealed class WebhookInputValidator : AbstractValidator<WebhookInput>
{
    public WebhookInputValidator(TargetHosts hosts)
    {
        RuleFor(i => i.Url)
            .NotEmpty()
            .WithMessage("Enter the URL to post events to.")
            .MaximumLength(2000)
            .Must(u => WebhookUrl.Problem(hosts, u) is null)
            .When(i => !string.IsNullOrEmpty(i.Url))
            .WithMessage(i => WebhookUrl.Problem(hosts, i.Url));
        RuleFor(i => i.Events)
            .NotEmpty()
            .WithMessage("Choose at least one event.")
            .Must(e => e.All(WebhookEventTypes.Versions.ContainsKey))
            .WithMessage("Choose events from the list.");
    }
}

/// <summary>Admins' signed outgoing webhooks: add (the secret is shown once), turn off/on, delete.</summary>
public sealed class IndexModel(
    AppDbContext db,
    RouteSecrets secrets,
    AuditLog audit,
    TimeProvider clock,
    IValidator<WebhookInput> validator
) : PageModel
{
    [BindProperty]
    public WebhookInput Input { get; set; } = new();

    public IReadOnlyList<WebhookEndpoint> Endpoints { get; private set; } = [];

    /// <summary>Set only on the answer to "Add": the one time the secret is shown.</summary>
    public string? NewSecret { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState, ct: ct))
        {
            await LoadAsync(ct);
            return Page();
        }
        var secret = WebhookSignature.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Url = Input.Url.Trim(),
            Events = string.Join(",", WebhookEventTypes.All.Where(Input.Events.Contains)),
            SecretProtected = secrets.Protect(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(
            "webhook.created",
            "webhook",
            Key(endpoint),
            $"{endpoint.Url}: {endpoint.Events}",
            ct: ct
        );
        // Answered directly, not redirected: the secret must not pass through TempData or a URL.
        NewSecret = secret;
        Input = new WebhookInput();
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostToggleAsync(long id, CancellationToken ct) =>
        ChangeAsync(
            id,
            e =>
            {
                e.Enabled = !e.Enabled;
                e.DisabledAt = null;
                e.DisabledReason = null;
                if (e.Enabled)
                {
                    // Waiting events get a fresh 24 hours rather than turning the endpoint off again at once.
                    var now = clock.GetUtcNow();
                    db.WebhookDeliveries.Where(d => d.EndpointId == e.Id && d.Status == WebhookDeliveryStatus.Pending)
                        .ExecuteUpdate(s =>
                            s.SetProperty(d => d.RetryFrom, now).SetProperty(d => d.NextAttemptAt, now)
                        );
                }
                return e.Enabled ? "webhook.enabled" : "webhook.disabled";
            },
            ct
        );

    public Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct) =>
        ChangeAsync(
            id,
            e =>
            {
                db.WebhookEndpoints.Remove(e);
                return "webhook.deleted";
            },
            ct
        );

    private async Task<IActionResult> ChangeAsync(long id, Func<WebhookEndpoint, string> change, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null)
        {
            return NotFound();
        }
        audit.Add(change(endpoint), "webhook", Key(endpoint), endpoint.Url);
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private static string Key(WebhookEndpoint e) => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task LoadAsync(CancellationToken ct) =>
        Endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
}
