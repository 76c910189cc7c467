using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Account;

public sealed class AccountTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_until_it_expires_or_an_admin_unlocks_it()
    {
        await _app.CreateUserAsync("lead@example.test", "Lead");
        var browser = _app.Browser();
        for (var i = 0; i < 4; i++)
        {
            var failed = await browser.LoginAsync("lead@example.test", "wrong password " + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains(
                "The e-mail or password is not right",
                await failed.Content.ReadAsStringAsync(),
                StringComparison.Ordinal
            );
        }
        Assert.Contains(
            "locked for 15 minutes",
            await (await browser.LoginAsync("lead@example.test", "wrong password 4")).Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );

        var locked = await browser.LoginAsync("lead@example.test", TestApp.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked for 15 minutes", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        _app.Clock.Advance(LoginThrottle.LockFor - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync("lead@example.test", TestApp.Password)).StatusCode);
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await browser.LoginAsync("lead@example.test", TestApp.Password)).StatusCode
        );

        await _app.WithDbAsync(async db =>
        {
            var actions = await db
                .AuditEvents.Where(a => a.SubjectId == "lead@example.test" || a.Action == "account.login_succeeded")
                .Select(a => a.Action)
                .ToListAsync();
            Assert.Equal(4, actions.Count(a => a == "account.login_failed"));
            Assert.Equal(3, actions.Count(a => a == "account.locked_out"));
            Assert.Single(actions, a => a == "account.login_succeeded");
        });
    }

    /// <summary>
    /// The form's answer to each attempt, without the parts that differ by design (the echoed e-mail, the token).
    /// </summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var summary = System.Text.RegularExpressions.Regex.Match(
            html,
            "validation-summary[^>]*>(.*?)</div>",
            System.Text.RegularExpressions.RegexOptions.Singleline
        );
        return $"{(int)response.StatusCode} {summary.Groups[1].Value.Trim()}";
    }

    [Fact]
    public async Task Unknown_and_existing_accounts_get_the_same_answers_and_the_same_lockout()
    {
        await _app.CreateUserAsync("known@example.test", "Lead");
        var disabled = await _app.CreateUserAsync("gone@example.test", "Lead");
        await _app.WithDbAsync(db =>
            db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true))
        );
        var answers = new Dictionary<string, List<string>>();
        foreach (var email in new[] { "known@example.test", "nobody@example.test", "gone@example.test" })
        {
            var browser = _app.Browser();
            answers[email] = [];
            for (var i = 0; i < 7; i++)
            {
                // The disabled account's own password, too: a disabled account answers like any wrong password.
                answers[email]
                    .Add(
                        await AnswerAsync(
                            await browser.LoginAsync(
                                email,
                                email.StartsWith("gone", StringComparison.Ordinal)
                                    ? TestApp.Password
                                    : "not the password"
                            )
                        )
                    );
            }
        }
        Assert.Equal(answers["known@example.test"], answers["nobody@example.test"]);
        Assert.Equal(answers["known@example.test"], answers["gone@example.test"]);
        Assert.Equal(4, answers["nobody@example.test"].Count(a => a.Contains("not right", StringComparison.Ordinal)));
        Assert.Equal(3, answers["nobody@example.test"].Count(a => a.Contains("locked", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Existing_and_unknown_accounts_cost_the_same_one_password_verification()
    {
        var hasher = new CountingHasher();
        using var app = new TestApp([], services => services.AddSingleton<IPasswordHasher<AppUser>>(hasher));
        await app.CreateUserAsync("known@example.test", "Lead");
        var browser = app.Browser();
        foreach (var email in new[] { "known@example.test", "nobody@example.test" })
        {
            var before = hasher.Verifications;
            await browser.LoginAsync(email, "not the password");
            Assert.Equal(1, hasher.Verifications - before);
        }
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(
            AppUser user,
            string hashedPassword,
            string providedPassword
        )
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private HttpClient From(string address)
    {
        var browser = _app.Browser();
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return browser;
    }

    [Fact]
    public async Task Guessing_from_one_address_does_not_lock_the_owner_out_from_another()
    {
        await _app.CreateUserAsync("lead@example.test", "Lead");
        var attacker = From("203.0.113.7");
        for (var i = 0; i < 6; i++)
        {
            await attacker.LoginAsync("lead@example.test", "guess " + i);
        }
        Assert.Contains(
            "locked",
            await AnswerAsync(await attacker.LoginAsync("lead@example.test", TestApp.Password)),
            StringComparison.Ordinal
        );
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await From("198.51.100.2").LoginAsync("lead@example.test", TestApp.Password)).StatusCode
        );
    }

    [Fact]
    public async Task Twenty_failures_from_one_address_lock_that_address_for_every_account()
    {
        await _app.CreateUserAsync("lead@example.test", "Lead");
        var sprayer = From("203.0.113.9");
        for (var i = 0; i < LoginThrottle.FailuresPerAddress; i++)
        {
            await sprayer.LoginAsync($"user{i}@example.test", "Winter2026!");
        }
        Assert.Contains(
            "locked",
            await AnswerAsync(await sprayer.LoginAsync("lead@example.test", TestApp.Password)),
            StringComparison.Ordinal
        );
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await From("198.51.100.3").LoginAsync("lead@example.test", TestApp.Password)).StatusCode
        );
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
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await browser.LoginAsync("lead@example.test", TestApp.Password)).StatusCode
        );
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_answer()
    {
        await _app.CreateUserAsync("known@example.test", "Lead");
        var browser = _app.Browser();
        var wrong = await (
            await browser.LoginAsync("known@example.test", "not the password")
        ).Content.ReadAsStringAsync();
        var unknown = await (
            await browser.LoginAsync("nobody@example.test", "not the password")
        ).Content.ReadAsStringAsync();
        const string message = "The e-mail or password is not right, or the account is disabled.";
        Assert.Contains(message, wrong, StringComparison.Ordinal);
        Assert.Contains(message, unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        await _app.CreateUserAsync("lead@example.test", "Lead");
        var browser = _app.Browser();
        var local = await browser.SubmitAsync(
            "/Account/Login",
            ("Input.Email", "lead@example.test"),
            ("Input.Password", TestApp.Password),
            ("ReturnUrl", "/Lanes")
        );
        Assert.Equal("/Lanes", local.Location());

        var other = _app.Browser();
        var offsite = await other.SubmitAsync(
            "/Account/Login",
            ("Input.Email", "lead@example.test"),
            ("Input.Password", TestApp.Password),
            ("ReturnUrl", "https://evil.example/")
        );
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
        var weak = await browser.SubmitAsync(
            "/Account/Password",
            ("Input.CurrentPassword", TestApp.Password),
            ("Input.NewPassword", "tiny"),
            ("Input.ConfirmPassword", "tiny")
        );
        Assert.Contains(
            "Use at least 12 characters.",
            await weak.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );

        var changed = await browser.SubmitAsync(
            "/Account/Password",
            ("Input.CurrentPassword", TestApp.Password),
            ("Input.NewPassword", "a brand new passphrase"),
            ("Input.ConfirmPassword", "a brand new passphrase")
        );
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        await _app.WithDbAsync(async db =>
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "account.password_changed"))
        );
    }
}
