using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Account;

/// <summary>Sign-out is a POST with an antiforgery token, so a link on another site cannot sign anyone out.</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await audit.RecordAsync(AuditActions.Logout, "user", signIn.UserManager.GetUserId(User), ct: ct);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
