using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features;

public sealed partial class PlatformTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Health_is_ok_with_a_migrated_store_and_503_when_a_migration_is_missing()
    {
        var client = _app.CreateClient();
        var ok = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("ok", (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM __EFMigrationsHistory"));
        var down = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal(
            """{"status":"unavailable","provider":"Sqlite","migrated":false}""",
            await down.Content.ReadAsStringAsync()
        );
    }

    [Fact]
    public async Task The_store_runs_in_wal_mode_with_a_busy_timeout_and_foreign_keys()
    {
        await _app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA busy_timeout";
            Assert.Equal(5000L, (long?)await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA foreign_keys";
            Assert.Equal(1L, (long?)await command.ExecuteScalarAsync());
        });
    }

    [Fact]
    public async Task Constraints_in_the_store_reject_impossible_rows()
    {
        await _app.WithDbAsync(async db =>
        {
            db.Postings.Add(
                new Posting
                {
                    Id = "~01neg",
                    Title = "x",
                    FixedBudget = -5,
                    PublishedAt = _app.Clock.GetUtcNow(),
                }
            );
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });
        await _app.WithDbAsync(async db =>
        {
            db.Matches.Add(new UpworkAssist.Web.Features.Lanes.Match { PostingId = "~missing", LaneId = "missing" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });
    }

    [Fact]
    public async Task Audit_rows_cannot_be_changed_or_deleted_by_the_application()
    {
        await _app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<AuditLog>().RecordAsync("test.recorded", "thing", "1");
            return true;
        });
        await _app.WithDbAsync(async db =>
        {
            var row = await db.AuditEvents.SingleAsync(a => a.Action == "test.recorded");
            Assert.Equal(AuditLog.System, row.ActorName);
            Assert.Equal(_app.Clock.GetUtcNow(), row.At);
            row.Details = "rewritten";
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
            db.ChangeTracker.Clear();
            db.AuditEvents.Remove(row);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
    }

    [Fact]
    public async Task The_audit_page_filters_by_actor_action_and_date()
    {
        var admin = await _app.SignedInAsync("Admin");
        // Cross midnight in two steps so the sliding sign-in cookie stays alive.
        _app.Clock.Advance(TimeSpan.FromHours(8));
        await admin.GetStringAsync("/Audit");
        _app.Clock.Advance(TimeSpan.FromHours(8));
        await admin.SubmitToAsync("/Account/Tokens", "/Account/Tokens?handler=Create", ("Input.Name", "later"));

        var tokens = await admin.GetStringAsync("/Audit?act=token");
        Assert.Contains("token.created", tokens, StringComparison.Ordinal);
        Assert.DoesNotContain("account.login_succeeded", tokens, StringComparison.Ordinal);

        var early = await admin.GetStringAsync("/Audit?to=2026-11-28");
        Assert.Contains("account.login_succeeded", early, StringComparison.Ordinal);
        Assert.DoesNotContain("token.created", early, StringComparison.Ordinal);

        Assert.Contains(
            "No audit events match.",
            await admin.GetStringAsync("/Audit?actor=nobody-at-all"),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Logs_never_contain_passwords_or_tokens()
    {
        var browser = _app.Browser();
        await browser.SubmitAsync(
            "/Setup",
            ("Input.Email", "owner@example.test"),
            ("Input.DisplayName", "Owner"),
            ("Input.Password", TestApp.Password),
            ("Input.ConfirmPassword", TestApp.Password)
        );
        await browser.LoginAsync("owner@example.test", "a wrong password guess");
        await browser.LoginAsync("owner@example.test", TestApp.Password);
        var page = await browser.SubmitToAsync(
            "/Account/Tokens",
            "/Account/Tokens?handler=Create",
            ("Input.Name", "bi")
        );
        var token = TokenInPage().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.StartsWith("uat_", token, StringComparison.Ordinal);

        // Code that logs carelessly is still caught by the redaction policy.
        var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Careless");
        logger.LogWarning("Calling with {Authorization} and {Password}", "Bearer " + token, TestApp.Password);
        logger.LogWarning(
            "Token exchange body was {Body}",
            $"grant_type=refresh_token&refresh_token=rt-secret-123&client_secret=cs-456"
        );
        logger.LogWarning(
            "Request {@Request}",
            new
            {
                Url = "/api",
                ApiKey = "sk-live-789",
                Nested = new { Token = token },
            }
        );

        var text = _app.Logs.AllText();
        Assert.Contains("Careless", text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
        foreach (
            var secret in new[]
            {
                TestApp.Password,
                "a wrong password guess",
                token,
                token[4..],
                "rt-secret-123",
                "cs-456",
                "sk-live-789",
            }
        )
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
        var file = Directory.GetFiles(Path.Combine(_app.DataDirectory, "logs"), "*.clef").Single();
        Assert.EndsWith(".clef", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_request_is_logged_through_the_configured_sinks()
    {
        // Not the static bootstrap logger, which writes to the console only.
        Assert.Equal(HttpStatusCode.OK, (await _app.Browser().GetAsync("/healthz?probe=1")).StatusCode);
        var logged = Assert.Single(
            _app.Logs.Events,
            e => e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/healthz\""
        );
        Assert.Equal("200", logged.Properties["StatusCode"].ToString());
    }

    [GeneratedRegex("data-testid=\"new-token\">([^<]+)<")]
    private static partial Regex TokenInPage();

    [Fact]
    public async Task Pages_carry_security_headers_and_no_inline_script()
    {
        var browser = await _app.SignedInAsync("Admin");
        var response = await browser.GetAsync("/Admin/Users");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());

        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotMatch("\\son[a-z]+=\"", html);
    }

    [Fact]
    public async Task Cookies_are_http_only_and_same_site()
    {
        await _app.CreateUserAsync("lead@example.test", "Lead");
        var browser = _app.Browser();
        var login = await browser.LoginAsync("lead@example.test", TestApp.Password);
        var cookie = login
            .Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith("UpworkAssist.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_form_post_without_an_antiforgery_token_is_refused()
    {
        var admin = await _app.SignedInAsync("Admin");
        foreach (
            var url in new[]
            {
                "/Admin/Users/Create",
                "/Account/Tokens?handler=Create",
                "/Account/Password",
                "/Account/Login",
            }
        )
        {
            var response = await admin.PostAsync(url, new FormUrlEncodedContent([new("Input.Name", "x")]));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task User_content_is_encoded_in_pages()
    {
        var admin = await _app.SignedInAsync("Admin");
        await admin.SubmitToAsync(
            "/Account/Tokens",
            "/Account/Tokens?handler=Create",
            ("Input.Name", "<script>alert(1)</script>")
        );
        var html = await admin.GetStringAsync("/Account/Tokens");
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_storage_provider_stops_the_real_process_with_a_clear_error()
    {
        var web = typeof(Program).Assembly.Location;
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [web])
        {
            WorkingDirectory = _app.DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Storage__Provider"] = "Oracle",
                ["Storage__DataDirectory"] = _app.DataDirectory,
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["ASPNETCORE_CONTENTROOT"] = _app.DataDirectory,
            },
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(1, process.ExitCode);
        Assert.Contains(
            "Storage:Provider 'Oracle' is not supported",
            await output + await errors,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void A_relative_sqlite_file_lives_under_the_content_root()
    {
        var resolved = new SqliteConnectionStringBuilder(
            StorageSetup.ResolveSqlite("Data Source=data/x.db", "/srv/app")
        ).DataSource;
        Assert.Equal("/srv/app/data/x.db", resolved);
        Assert.Equal(
            ":memory:",
            new SqliteConnectionStringBuilder(StorageSetup.ResolveSqlite("Data Source=:memory:", "/srv/app")).DataSource
        );
    }
}
