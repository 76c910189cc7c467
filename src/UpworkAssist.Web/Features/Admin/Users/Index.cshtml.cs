using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Admin.Users;

public sealed class IndexModel(AppDbContext db, UserManager<AppUser> users, LoginThrottle throttle, AuditLog audit)
    : PageModel
{
    public sealed record UserRow(
        string Id,
        string Email,
        string DisplayName,
        IReadOnlyList<string> Roles,
        bool Disabled,
        bool LockedOut
    );

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var roleNames = await db.Roles.ToDictionaryAsync(r => r.Id, r => r.Name!, ct);
        var userRoles = (await db.UserRoles.ToListAsync(ct)).ToLookup(ur => ur.UserId, ur => roleNames[ur.RoleId]);
        var rows = new List<UserRow>();
        foreach (var u in await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct))
        {
            // Identity decides lockouts on its own clock; ask it rather than compare here.
            rows.Add(
                new UserRow(
                    u.Id,
                    u.Email ?? "",
                    u.DisplayName,
                    userRoles[u.Id].Order(StringComparer.Ordinal).ToList(),
                    u.IsDisabled,
                    await users.IsLockedOutAsync(u) || throttle.IsLockedAnywhere(u.Email ?? "")
                )
            );
        }
        Users = rows;
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) =>
        await ChangeAsync(id, disable: true, ct);

    public async Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) =>
        await ChangeAsync(id, disable: false, ct);

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        await users.SetLockoutEndDateAsync(user, null);
        throttle.Unlock(user.Email ?? "");
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(AuditActions.UserUnlocked, "user", user.Id, user.Email, ct: ct);
        TempData["Flash"] = $"{user.Email} is unlocked.";
        return RedirectToPage();
    }

    private async Task<IActionResult> ChangeAsync(string id, bool disable, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (disable && user.Id == users.GetUserId(User))
        {
            TempData["Error"] = "You cannot disable your own account.";
            return RedirectToPage();
        }
        if (disable && await users.IsLastActiveAdminAsync(user))
        {
            TempData["Error"] = "This is the last active Admin; make another Admin first.";
            return RedirectToPage();
        }
        user.IsDisabled = disable;
        await users.UpdateAsync(user);
        // A new security stamp ends the account's open sessions at their next revalidation.
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(
            disable ? AuditActions.UserDisabled : AuditActions.UserEnabled,
            "user",
            user.Id,
            user.Email,
            ct: ct
        );
        TempData["Flash"] = $"{user.Email} is {(disable ? "disabled" : "enabled")}.";
        return RedirectToPage();
    }
}

public static class AdminGuards
{
    /// <summary>True when taking this user's Admin role or account away would leave no active Admin.</summary>
    public static async Task<bool> IsLastActiveAdminAsync(this UserManager<AppUser> users, AppUser user) =>
        await users.IsInRoleAsync(user, Roles.Admin)
        && (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => !u.IsDisabled) <= 1;
}
