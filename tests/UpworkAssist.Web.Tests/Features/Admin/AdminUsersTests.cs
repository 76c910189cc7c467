using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Admin;

public sealed class AdminUsersTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static (string, string)[] NewUser(string email, string password, params string[] roles) =>
        [
            ("Input.Email", email),
            ("Input.DisplayName", "Fran"),
            ("Input.InitialPassword", password),
            .. roles.Select(r => ("Input.Roles", r)),
        ];

    [Fact]
    public async Task An_admin_creates_a_user_who_can_then_sign_in_with_those_roles()
    {
        var admin = await _app.SignedInAsync("Admin");
        var created = await admin.SubmitAsync(
            "/Admin/Users/Create",
            NewUser("fran@example.test", "initial pass phrase", "Freelancer")
        );
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var fran = _app.Browser();
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await fran.LoginAsync("fran@example.test", "initial pass phrase")).StatusCode
        );
        Assert.Equal(HttpStatusCode.OK, (await fran.GetAsync("/Drafts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fran.GetAsync("/Compliance")).StatusCode);
        await _app.WithDbAsync(async db =>
            Assert.True(
                await db.AuditEvents.AnyAsync(a =>
                    a.Action == "user.created" && a.Details!.Contains("fran@example.test")
                )
            )
        );
    }

    [Fact]
    public async Task A_bad_user_form_lists_every_problem_and_creates_nobody()
    {
        var admin = await _app.SignedInAsync("Admin");
        var response = await admin.SubmitAsync("/Admin/Users/Create", NewUser("nope", "short", "Overlord"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter a valid e-mail address.", html, StringComparison.Ordinal);
        Assert.Contains("Use at least 12 characters.", html, StringComparison.Ordinal);
        Assert.Contains("Choose only Admin, Lead, Freelancer or Manager.", html, StringComparison.Ordinal);
        await _app.WithDbAsync(async db => Assert.Equal(1, await db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_the_last_admin_cannot_be_disabled()
    {
        var admin = await _app.SignedInAsync("Admin");
        var lead = await _app.CreateUserAsync("lead@example.test", "Lead");
        var disabled = await admin.SubmitToAsync("/Admin/Users", $"/Admin/Users?handler=Disable&id={lead.Id}");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(
            HttpStatusCode.OK,
            (await _app.Browser().LoginAsync("lead@example.test", TestApp.Password)).StatusCode
        );

        var adminId = await _app.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<UserManager<AppUser>>().GetUsersInRoleAsync("Admin")).Single().Id
        );
        await admin.SubmitToAsync("/Admin/Users", $"/Admin/Users?handler=Disable&id={adminId}");
        await _app.WithDbAsync(async db =>
        {
            Assert.False((await db.Users.SingleAsync(u => u.Id == adminId)).IsDisabled);
            Assert.True((await db.Users.SingleAsync(u => u.Id == lead.Id)).IsDisabled);
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "user.disabled" && a.SubjectId == lead.Id));
        });
    }

    [Fact]
    public async Task Roles_are_changed_on_the_edit_page_and_audited()
    {
        var admin = await _app.SignedInAsync("Admin");
        var user = await _app.CreateUserAsync("mia@example.test", "Freelancer");
        var saved = await admin.SubmitAsync(
            $"/Admin/Users/Edit?id={user.Id}",
            ("Input.DisplayName", "Mia"),
            ("Input.Roles", "Manager")
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var mia = _app.Browser();
        await mia.LoginAsync("mia@example.test", TestApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await mia.GetAsync("/Audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mia.GetAsync("/Drafts")).StatusCode);
        await _app.WithDbAsync(async db =>
            Assert.True(
                await db.AuditEvents.AnyAsync(a =>
                    a.Action == "user.roles_changed" && a.Details!.Contains("Freelancer → Manager")
                )
            )
        );
    }
}
