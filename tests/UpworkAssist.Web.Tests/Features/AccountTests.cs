using System.Net;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features;

public sealed class AccountTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_until_it_expires_or_an_admin_unlocks_it()
    {
        var lead = await _app.CreateUserAsync("lead@example.test", "Lead");
        var browser = _app.Browser();
        for (var i = 0; i < 5; i++)
        {
            var failed = await browser.LoginAsync("lead@example.test", "wrong password " + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var locked = await browser.LoginAsync("lead@example.test", TestApp.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked for 15 minutes", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // ASP.NET Core Identity reads the system clock for lockouts, so the test checks the
        // window it set and then moves the lockout end instead of waiting.
        await _app.WithDbAsync(async db =>
        {
            var end = (await db.Users.SingleAsync(u => u.Id == lead.Id)).LockoutEnd!.Value - DateTimeOffset.UtcNow;
            Assert.InRange(end, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
            await db.Users.Where(u => u.Id == lead.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddSeconds(-1)));
        });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync("lead@example.test", TestApp.Password)).StatusCode);

        await _app.WithDbAsync(async db =>
        {
            var actions = await db.AuditEvents.Where(a => a.SubjectId == "lead@example.test" || a.Action == "account.login_succeeded").Select(a => a.Action).ToListAsync();
            Assert.Equal(4, actions.Count(a => a == "account.login_failed"));
            Assert.Equal(2, actions.Count(a => a == "account.locked_out"));
            Assert.Single(actions, a => a == "account.login_succeeded");
        });
    }

    [Fact]
    public async Task An_admin_unlocks_a_locked_account()
    {
        var admin = await _app.SignedInAsync("Admin");
        var lead = await _app.CreateUserAsync("lead@example.test", "Lead");
        var browser = _app.Browser();
        for (var i = 0; i < 5; i++)
        {
            await browser.LoginAsync("lead@example.test", "wrong password " + i);
        }
        Assert.Contains("locked out", await admin.GetStringAsync("/Admin/Users"), StringComparison.Ordinal);
        await admin.SubmitToAsync("/Admin/Users", $"/Admin/Users?handler=Unlock&id={lead.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync("lead@example.test", TestApp.Password)).StatusCode);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_answer()
    {
        await _app.CreateUserAsync("known@example.test", "Lead");
        var browser = _app.Browser();
        var wrong = await (await browser.LoginAsync("known@example.test", "not the password")).Content.ReadAsStringAsync();
        var unknown = await (await browser.LoginAsync("nobody@example.test", "not the password")).Content.ReadAsStringAsync();
        const string message = "The e-mail or password is not right, or the account is disabled.";
        Assert.Contains(message, wrong, StringComparison.Ordinal);
        Assert.Contains(message, unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        await _app.CreateUserAsync("lead@example.test", "Lead");
        var browser = _app.Browser();
        var local = await browser.SubmitAsync("/Account/Login", ("Input.Email", "lead@example.test"), ("Input.Password", TestApp.Password), ("ReturnUrl", "/Lanes"));
        Assert.Equal("/Lanes", local.Location());

        var other = _app.Browser();
        var offsite = await other.SubmitAsync("/Account/Login", ("Input.Email", "lead@example.test"), ("Input.Password", TestApp.Password), ("ReturnUrl", "https://evil.example/"));
        Assert.Equal("/", offsite.Location());
    }

    [Fact]
    public async Task Logout_needs_a_post_with_an_antiforgery_token()
    {
        var browser = await _app.SignedInAsync("Lead");
        var forged = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Queue")).StatusCode);

        var signedOut = await browser.SubmitToAsync("/Queue", "/Account/Logout");
        Assert.Equal("/Account/Login", signedOut.Location());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Queue")).StatusCode);
    }

    [Fact]
    public async Task A_user_changes_their_password()
    {
        var browser = await _app.SignedInAsync("Freelancer");
        var weak = await browser.SubmitAsync("/Account/Password", ("Input.CurrentPassword", TestApp.Password), ("Input.NewPassword", "tiny"), ("Input.ConfirmPassword", "tiny"));
        Assert.Contains("Use at least 12 characters.", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await browser.SubmitAsync("/Account/Password", ("Input.CurrentPassword", TestApp.Password), ("Input.NewPassword", "a brand new passphrase"), ("Input.ConfirmPassword", "a brand new passphrase"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        await _app.WithDbAsync(async db => Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "account.password_changed")));
    }
}
