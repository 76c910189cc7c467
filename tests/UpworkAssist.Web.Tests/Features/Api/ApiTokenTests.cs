using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Api;

public sealed partial class ApiTokenTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [GeneratedRegex("data-testid=\"new-token\">([^<]+)<")]
    private static partial Regex NewToken();

    private static async Task<string> CreateTokenAsync(HttpClient browser, string name = "BI export")
    {
        var page = await browser.SubmitToAsync(
            "/Account/Tokens",
            "/Account/Tokens?handler=Create",
            ("Input.Name", name),
            ("Input.ExpiresInDays", "30")
        );
        var html = await page.Content.ReadAsStringAsync();
        var match = NewToken().Match(html);
        Assert.True(match.Success, "The new token is shown once after creation");
        return match.Groups[1].Value;
    }

    private HttpClient Api(string token)
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_token_reads_the_api_as_its_owner_and_stops_working_once_revoked()
    {
        var manager = await _app.SignedInAsync("Manager");
        var token = await CreateTokenAsync(manager);
        Assert.StartsWith("uat_", token, StringComparison.Ordinal);

        var api = Api(token);
        var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(["Manager"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var audit = await api.GetAsync("/api/v1/audit");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);

        // Only a hash is stored, and the page never shows the secret again.
        await _app.WithDbAsync(async db =>
        {
            var stored = await db.AccessTokens.SingleAsync();
            Assert.NotEqual(token, stored.Hash);
            Assert.DoesNotContain(token, stored.Hash + stored.Prefix, StringComparison.Ordinal);
            Assert.NotNull(stored.LastUsedAt);
        });
        Assert.DoesNotContain(token, await manager.GetStringAsync("/Account/Tokens"), StringComparison.Ordinal);

        var id = await _app.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<UpworkAssist.Web.Data.AppDbContext>().AccessTokens.SingleAsync()).Id
        );
        var revoked = await manager.SubmitToAsync("/Account/Tokens", $"/Account/Tokens?handler=Revoke&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var refused = await api.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_password_change_revokes_every_token_of_its_owner_and_no_one_elses()
    {
        var lead = await _app.SignedInAsync("Lead");
        var first = await CreateTokenAsync(lead, "first");
        var second = await CreateTokenAsync(lead, "second");
        var other = await CreateTokenAsync(await _app.SignedInAsync("Lead"), "someone else's");
        Assert.Equal(HttpStatusCode.OK, (await Api(first).GetAsync("/api/v1/me")).StatusCode);

        const string NewPassword = "an entirely new passphrase";
        var changed = await lead.SubmitAsync(
            "/Account/Password",
            ("Input.CurrentPassword", TestApp.Password),
            ("Input.NewPassword", NewPassword),
            ("Input.ConfirmPassword", NewPassword)
        );
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains(
            "2 access token(s) are revoked",
            await lead.GetStringAsync("/Account/Password"),
            StringComparison.Ordinal
        );

        Assert.Equal(HttpStatusCode.Unauthorized, (await Api(first).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api(second).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api(other).GetAsync("/api/v1/me")).StatusCode);
        await _app.WithDbAsync(async db =>
            Assert.True(
                await db.AuditEvents.AnyAsync(a =>
                    a.Action == "account.password_changed" && a.Details == "2 access token(s) revoked"
                )
            )
        );
    }

    [Fact]
    public async Task Api_replies_and_exports_are_never_cached()
    {
        var admin = await _app.SignedInAsync("Admin");
        var token = await CreateTokenAsync(admin);
        foreach (
            var response in new[]
            {
                await Api(token).GetAsync("/api/v1/matches"),
                await Api(token).GetAsync("/api/v1/me"),
                await Api("uat_unknown").GetAsync("/api/v1/me"),
                await admin.GetAsync("/api/v1/lanes?limit=0"),
                await admin.GetAsync("/openapi/v1.json"),
                await admin.GetAsync("/Lanes?handler=Export"),
                await admin.GetAsync("/Pipeline?handler=Csv"),
                await admin.GetAsync("/Analytics?handler=Csv"),
                await admin.GetAsync("/Compliance/Export?handler=Json"),
                await admin.GetAsync("/Compliance/Export?handler=AuditCsv"),
            }
        )
        {
            Assert.True(
                response.Headers.CacheControl?.NoStore == true,
                $"{response.RequestMessage!.RequestUri} ({(int)response.StatusCode}) may be cached"
            );
        }
    }

    [Fact]
    public async Task A_token_carries_its_owners_role_rules()
    {
        var freelancer = await _app.SignedInAsync("Freelancer");
        var api = Api(await CreateTokenAsync(freelancer));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Theory]
    [InlineData("uat_not-a-real-token-at-all")]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task Unknown_or_missing_tokens_get_401_not_a_login_page(string token)
    {
        await _app.CreateUserAsync("admin@example.test", "Admin");
        var client = token == "" ? _app.CreateClient(new() { AllowAutoRedirect = false }) : Api(token);
        var response = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var lead = await _app.SignedInAsync("Lead");
        var api = Api(await CreateTokenAsync(lead));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        _app.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_owners_tokens_stop_working()
    {
        var lead = await _app.SignedInAsync("Lead");
        var api = Api(await CreateTokenAsync(lead));
        await _app.WithDbAsync(async db =>
        {
            await db
                .Users.Where(u => !u.Email!.StartsWith("admin"))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task The_login_cookie_also_reads_the_api()
    {
        var admin = await _app.SignedInAsync("Admin");
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(["Admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Audit_api_pages_with_after_and_limit()
    {
        var admin = await _app.SignedInAsync("Admin");
        for (var i = 0; i < 4; i++)
        {
            await CreateTokenAsync(admin, $"token {i}");
        }
        var api = Api(await CreateTokenAsync(admin, "reader"));
        var seen = new List<long>();
        string? after = null;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>(
                $"/api/v1/audit?limit=2&action=token{(after is null ? "" : "&after=" + after)}"
            );
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            after = page.GetProperty("next").GetString();
        } while (after is not null);
        Assert.Equal(5, seen.Count);
        Assert.Equal(seen.OrderDescending(), seen);

        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/audit?limit=501")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/audit?after=%%%")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var admin = await _app.SignedInAsync("Admin");
        var api = Api(await CreateTokenAsync(admin));
        var doc = await api.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/me", paths);
        Assert.Contains("/api/v1/audit", paths);
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await _app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/openapi/v1.json")).StatusCode
        );
    }
}
