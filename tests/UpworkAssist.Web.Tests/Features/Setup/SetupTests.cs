using System.Net;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Setup;

public sealed class SetupTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/Queue")]
    [InlineData("/Admin/Users")]
    [InlineData("/Account/Login")]
    [InlineData("/api/v1/me")]
    [InlineData("/hangfire")]
    public async Task Before_any_user_exists_every_page_goes_to_setup(string url)
    {
        var response = await _app.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Setup", response.Location());
    }

    [Fact]
    public async Task Health_and_static_files_need_no_setup_and_no_login()
    {
        var browser = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/css/site.css")).StatusCode);
    }

    [Fact]
    public async Task Setup_creates_the_first_admin_who_can_sign_in_and_then_answers_404()
    {
        var browser = _app.Browser();
        var response = await browser.SubmitAsync(
            "/Setup",
            ("Input.Email", "owner@example.test"),
            ("Input.DisplayName", "Owner"),
            ("Input.Password", TestApp.Password),
            ("Input.ConfirmPassword", TestApp.Password)
        );
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Location());

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Setup")).StatusCode);
        var post = await browser.PostAsync("/Setup", new FormUrlEncodedContent([]));
        Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest);

        Assert.Equal(
            HttpStatusCode.Redirect,
            (await browser.LoginAsync("owner@example.test", TestApp.Password)).StatusCode
        );
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin/Users")).StatusCode);

        await _app.WithDbAsync(async db =>
        {
            var admin = await db.Users.SingleAsync();
            var roles = await db
                .UserRoles.Where(r => r.UserId == admin.Id)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
                .ToListAsync();
            Assert.Equal(["Admin"], roles);
            Assert.Contains(
                await db.AuditEvents.ToListAsync(),
                a => a.Action == "setup.admin_created" && a.SubjectId == admin.Id
            );
        });
    }

    [Fact]
    public async Task Invalid_setup_shows_every_error_and_stores_nothing()
    {
        var browser = _app.Browser();
        var response = await browser.SubmitAsync(
            "/Setup",
            ("Input.Email", "not-an-address"),
            ("Input.DisplayName", ""),
            ("Input.Password", "short"),
            ("Input.ConfirmPassword", "different")
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter a valid e-mail address.", html, StringComparison.Ordinal);
        Assert.Contains("Enter a display name.", html, StringComparison.Ordinal);
        Assert.Contains("Use at least 12 characters.", html, StringComparison.Ordinal);
        Assert.Contains("The two passwords differ.", html, StringComparison.Ordinal);
        await _app.WithDbAsync(async db => Assert.False(await db.Users.AnyAsync()));
    }
}

public sealed class BootstrapTests
{
    private static readonly Dictionary<string, string?> Keys = new()
    {
        ["Bootstrap:AdminEmail"] = "ops@example.test",
        ["Bootstrap:AdminPassword"] = "bootstrap password 123",
    };

    [Fact]
    public async Task Bootstrap_keys_create_the_admin_once_and_never_log_the_password()
    {
        using var app = new TestApp(Keys);
        var browser = app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Setup")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await browser.LoginAsync("ops@example.test", "bootstrap password 123")).StatusCode
        );
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin")).StatusCode);
        Assert.DoesNotContain("bootstrap password 123", app.Logs.AllText(), StringComparison.Ordinal);

        // A second start over the same store with other keys creates nobody.
        using var restarted = new TestApp(
            new Dictionary<string, string?>(Keys)
            {
                ["Bootstrap:AdminEmail"] = "someone-else@example.test",
                ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(app.DataDirectory, "store.db")}",
            }
        );
        await restarted.WithDbAsync(async db =>
        {
            var emails = await db.Users.Select(u => u.Email).ToListAsync();
            Assert.Equal(["ops@example.test"], emails);
            Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "bootstrap.admin_created"));
        });
    }

    [Fact]
    public void A_bootstrap_password_that_breaks_the_rules_stops_start_up_with_a_clear_message()
    {
        using var app = new TestApp(new Dictionary<string, string?>(Keys) { ["Bootstrap:AdminPassword"] = "short" });
        Assert.ThrowsAny<Exception>(() => app.Services);
        var log = app.Logs.AllText();
        Assert.Contains(
            "Bootstrap:AdminEmail/AdminPassword could not create the first Admin",
            log,
            StringComparison.Ordinal
        );
        Assert.Contains("at least 12 characters", log, StringComparison.Ordinal);
        Assert.DoesNotContain("\"short\"", log, StringComparison.Ordinal);
    }
}
