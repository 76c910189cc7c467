using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>
/// The proposal sync (Admin and Lead read; Admin changes): on or off, its interval, the last run,
/// and the senders to map to team members.
/// </summary>
public sealed class SyncModel(AppDbContext db, ProposalSync sync, AuditLog audit, IOptionsMonitor<UpworkOptions> upwork)
    : PageModel
{
    public sealed record MemberRow(string MarketplaceUserId, string Name, string? AppUserId, int Proposals);

    public ProposalSyncSettings Settings { get; private set; } = new();
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();
    public int Records { get; private set; }
    public int Unlinked { get; private set; }
    public bool Demo => upwork.CurrentValue.EffectiveMode == FeedMode.Demo;

    [BindProperty]
    public bool Enabled { get; set; }

    [BindProperty]
    public int IntervalMinutes { get; set; } = ProposalSyncSettings.DefaultIntervalMinutes;

    [BindProperty]
    public string? MarketplaceUserId { get; set; }

    [BindProperty]
    public string? AppUserId { get; set; }

    [BindProperty]
    public string? ReturnUrl { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        if (IntervalMinutes is < 5 or > 1440)
        {
            ModelState.AddModelError(nameof(IntervalMinutes), "Use an interval from 5 to 1440 minutes.");
            await LoadAsync(ct);
            return Page();
        }
        var settings = await sync.SettingsAsync(ct);
        var before = $"{(settings.Enabled ? "on" : "off")}, every {settings.IntervalMinutes} min";
        (settings.Enabled, settings.IntervalMinutes) = (Enabled, IntervalMinutes);
        audit.Add(
            AuditActions.ProposalSyncSettingsChanged,
            "proposal_sync",
            "1",
            $"{before} → {(Enabled ? "on" : "off")}, every {IntervalMinutes} min"
        );
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = Enabled
            ? $"The proposal sync runs every {IntervalMinutes} minutes."
            : "The proposal sync is off.";
        return RedirectToPage();
    }

    /// <summary>
    /// Maps a marketplace user to a team member once; their proposals are then linked and attributed on the next sync.
    /// </summary>
    public async Task<IActionResult> OnPostMapAsync(CancellationToken ct)
    {
        var member = await db.MarketplaceMembers.FirstOrDefaultAsync(m => m.MarketplaceUserId == MarketplaceUserId, ct);
        if (member is null)
        {
            return NotFound();
        }
        var userId = string.IsNullOrEmpty(AppUserId) ? null : AppUserId;
        if (userId is not null && !await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            ModelState.AddModelError(nameof(AppUserId), "Choose a team member.");
            await LoadAsync(ct);
            return Page();
        }
        audit.Add(
            AuditActions.MarketplaceMemberMapped,
            "marketplace_member",
            member.MarketplaceUserId,
            $"{member.Name}: {member.AppUserId ?? "nobody"} → {userId ?? "nobody"}"
        );
        member.AppUserId = userId;
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Saved. The next sync links and attributes this sender's proposals.";
        return RedirectToPage();
    }

    /// <summary>"Sync now": runs in this request, through the same rate governor as every other request.</summary>
    public async Task<IActionResult> OnPostNowAsync(CancellationToken ct)
    {
        var outcome = await sync.RunAsync(User, ct);
        TempData["Flash"] = outcome.Error is null
            ? "Synced: " + outcome.Summary + "."
            : "The sync failed: " + outcome.Error;
        return !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl)
            ? LocalRedirect(ReturnUrl)
            : RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Settings = await db.ProposalSyncSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new ProposalSyncSettings();
        (Enabled, IntervalMinutes) = (Settings.Enabled, Settings.IntervalMinutes);
        var counts = await db
            .MarketplaceProposals.AsNoTracking()
            .Where(m => m.UserId != null)
            .GroupBy(m => m.UserId!)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Members = (await db.MarketplaceMembers.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct))
            .Select(m => new MemberRow(
                m.MarketplaceUserId,
                m.Name,
                m.AppUserId,
                counts.GetValueOrDefault(m.MarketplaceUserId)
            ))
            .ToList();
        People = await db
            .Users.AsNoTracking()
            .Where(u => !u.IsDisabled)
            .OrderBy(u => u.DisplayName)
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Records = await db.MarketplaceProposals.CountAsync(ct);
        Unlinked = await db.MarketplaceProposals.CountAsync(m => m.ProposalId == null, ct);
    }
}
