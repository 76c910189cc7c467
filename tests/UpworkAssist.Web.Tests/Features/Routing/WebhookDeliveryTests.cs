using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Queue;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Routing.Webhooks;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Routing;

[Collection("Routing")]
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Secret = "whsec_test_0123456789abcdef";
    private RoutingHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await RoutingHarness.StartAsync();
        await _h.AddLaneAsync("blazor", "Blazor work", "blazor");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<long> AddEndpointAsync(params string[] events) =>
        _h.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var endpoint = new WebhookEndpoint
            {
                Url = _h.Service.BaseUrl + "hooks/crm",
                Events = string.Join(",", events.Length == 0 ? WebhookEventTypes.All : events),
                SecretProtected = sp.GetRequiredService<RouteSecrets>().Protect(Secret),
                CreatedAt = _h.Now,
            };
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync();
            return endpoint.Id;
        });

    private Task<int> RunWebhooksAsync(CancellationToken ct = default) =>
        _h.App.WithScopeAsync(sp => sp.GetRequiredService<WebhookDispatcher>().RunOnceAsync(ct));

    private Task<List<WebhookDelivery>> DeliveriesAsync() =>
        _h.App.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync()
        );

    [Fact]
    public async Task A_match_posts_a_signed_match_created_event_that_an_independent_verifier_accepts()
    {
        await AddEndpointAsync(WebhookEventTypes.MatchCreated);
        await _h.MatchAsync(_h.Posting("~01", "Blazor admin dashboard", "Secret client description"));
        Assert.Equal(1, await RunWebhooksAsync());

        var request = Assert.Single(_h.Service.Requests);
        var header = request.Header("X-UpworkAssist-Signature")!;
        var unix = _h.Now.ToUnixTimeSeconds();
        Assert.StartsWith($"t={unix},v1=", header, StringComparison.Ordinal);
        // Computed here from the documented recipe, not with the product's own code.
        var expected = Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{unix}.{request.Body}"))
        );
        Assert.Equal($"t={unix},v1={expected}", header);
        if (Python() is { } python)
        {
            Assert.Equal("ok", await VerifyWithPythonAsync(python, header, request.Body));
        }
        Assert.False(WebhookSignature.Verify(Secret, header, request.Body + " ", _h.Now));
        Assert.False(WebhookSignature.Verify(Secret, header, request.Body, _h.Now.AddMinutes(6))); // a replay

        var json = request.Json;
        Assert.Equal("match.created", json.GetProperty("type").GetString());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal(request.Header("X-UpworkAssist-Event-Id"), json.GetProperty("id").GetString());
        Assert.Equal("~01", json.GetProperty("data").GetProperty("jobId").GetString());
        Assert.Equal("Blazor work", json.GetProperty("data").GetProperty("laneName").GetString());
        Assert.Equal("http://localhost:5000/Queue/Job/~01", json.GetProperty("links").GetProperty("app").GetString());
        // Marketplace text never goes into a stored, replayable body.
        Assert.DoesNotContain("Blazor admin dashboard", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret client description", request.Body, StringComparison.Ordinal);
        var row = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Delivered, 200, 1), (row.Status, row.ResponseCode, row.Attempts));
    }

    [Fact]
    public async Task Failures_back_off_exponentially_then_after_24_hours_the_endpoint_is_turned_off_and_Admins_told()
    {
        var id = await AddEndpointAsync();
        _h.Service.Respond = _ => new ServiceReply(500, "boom");
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));
        var start = _h.Now;
        var waits = new List<TimeSpan>();
        while ((await DeliveriesAsync()).Single().Status == WebhookDeliveryStatus.Pending)
        {
            await RunWebhooksAsync();
            var row = (await DeliveriesAsync()).Single();
            if (row.Status != WebhookDeliveryStatus.Pending)
                break;
            waits.Add(row.NextAttemptAt - _h.Now);
            _h.App.Clock.Advance(row.NextAttemptAt - _h.Now);
        }
        Assert.Equal([10, 20, 40, 80], waits.Take(4).Select(w => (int)w.TotalSeconds));
        Assert.Equal(TimeSpan.FromHours(1), waits.Max());
        Assert.True(_h.Now - start >= TimeSpan.FromHours(24));
        var failed = (await DeliveriesAsync()).Single();
        Assert.Equal((WebhookDeliveryStatus.Failed, 500), (failed.Status, failed.ResponseCode));
        Assert.Equal(waits.Count + 1, _h.Service.Requests.Count);
        await _h.App.WithDbAsync(async db =>
        {
            var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.Id == id);
            Assert.False(endpoint.Enabled);
            Assert.Contains("HTTP 500", endpoint.DisabledReason, StringComparison.Ordinal);
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "webhook.disabled"));
        });
        Assert.Contains("turned off; Admins told", _h.App.Logs.AllText(), StringComparison.Ordinal);

        // Turned on again, nothing more is sent automatically for the failed row, but "Redeliver" sends the same event.
        var admin = await _h.App.SignedInAsync("Admin");
        await admin.SubmitToAsync("/Routing/Webhooks", $"/Routing/Webhooks?id={id}&handler=Toggle");
        _h.Service.Respond = _ => ServiceReply.NoContent;
        var log = await admin.GetStringAsync($"/Routing/Webhooks/Deliveries?endpoint={id}");
        Assert.Contains("failed", log, StringComparison.Ordinal);
        var redeliver = await admin.SubmitToAsync(
            $"/Routing/Webhooks/Deliveries?endpoint={id}",
            $"/Routing/Webhooks/Deliveries?endpoint={id}&id={failed.Id}&handler=Redeliver"
        );
        Assert.Equal(HttpStatusCode.Redirect, redeliver.StatusCode);
        Assert.Equal(1, await RunWebhooksAsync());
        var last = _h.Service.Requests[^1];
        Assert.Equal(failed.EventId, last.Header("X-UpworkAssist-Event-Id"));
        Assert.Equal(
            (WebhookDeliveryStatus.Delivered, 204),
            ((await DeliveriesAsync()).Single().Status, (await DeliveriesAsync()).Single().ResponseCode)
        );
    }

    [Fact]
    public async Task A_crash_between_post_and_record_repeats_the_event_once_with_the_same_id()
    {
        await AddEndpointAsync();
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));
        using var crash = new CancellationTokenSource();
        _h.Service.OnReceived = _ => crash.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunWebhooksAsync(crash.Token));
        _h.Service.OnReceived = null;
        Assert.Equal(0, await RunWebhooksAsync()); // still within the claim's lease
        _h.App.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await RunWebhooksAsync());
        Assert.Equal(2, _h.Service.Requests.Count);
        Assert.Single(_h.Service.Requests.Select(r => r.Header("X-UpworkAssist-Event-Id")).Distinct());
        Assert.Equal(0, await RunWebhooksAsync());
    }

    [Fact]
    public async Task Triage_raises_match_triaged_in_its_own_transaction_only_to_subscribed_endpoints()
    {
        await AddEndpointAsync(WebhookEventTypes.MatchTriaged);
        await _h.MatchAsync(_h.Posting("~01", "Blazor app"));
        Assert.Empty(await DeliveriesAsync()); // not subscribed to match.created
        var match = await _h.App.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Matches.AsNoTracking().SingleAsync()
        );
        var lead = new ClaimsPrincipal(
            new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, "u1"), new Claim(ClaimTypes.Name, "lead@test")],
                "test"
            )
        );
        var outcome = await _h.App.WithScopeAsync(sp =>
            sp.GetRequiredService<Triage>()
                .ApplyAsync(
                    new TriageInput
                    {
                        MatchId = match.Id,
                        Version = match.Version,
                        Action = TriageAction.Dismiss,
                        Reason = "Budget too low",
                    },
                    lead,
                    default
                )
        );
        Assert.True(outcome.Done);
        Assert.Equal(1, await RunWebhooksAsync());
        var data = Assert.Single(_h.Service.Requests).Json.GetProperty("data");
        Assert.Equal(
            ("dismissed", "Budget too low", match.Id),
            (
                data.GetProperty("status").GetString(),
                data.GetProperty("reason").GetString(),
                data.GetProperty("matchId").GetInt64()
            )
        );
    }

    [Fact]
    public async Task An_Admin_adds_an_endpoint_sees_its_secret_once_and_internal_targets_are_refused()
    {
        var admin = await _h.App.SignedInAsync("Admin");
        foreach (
            var bad in new[]
            {
                "http://10.0.0.1/hook",
                "https://localhost/hook",
                "https://169.254.169.254/latest",
                "file:///etc/passwd",
                "https://user:pw@example.com/",
            }
        )
        {
            var refused = await admin.SubmitToAsync(
                "/Routing/Webhooks",
                "/Routing/Webhooks?handler=Add",
                ("Input.Url", bad),
                ("Input.Events", "match.created")
            );
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.DoesNotContain("new-secret", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var added = await admin.SubmitToAsync(
            "/Routing/Webhooks",
            "/Routing/Webhooks?handler=Add",
            ("Input.Url", "https://hooks.example.com/upwork"),
            ("Input.Events", "match.created"),
            ("Input.Events", "proposal.recorded")
        );
        var html = WebUtility.HtmlDecode(await added.Content.ReadAsStringAsync());
        var secret = System.Text.RegularExpressions.Regex.Match(html, "whsec_[0-9a-f]{64}").Value;
        Assert.NotEmpty(secret);
        Assert.DoesNotContain(secret, await admin.GetStringAsync("/Routing/Webhooks"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, _h.App.Logs.AllText(), StringComparison.Ordinal);
        await _h.App.WithDbAsync(async db =>
        {
            var e = await db.WebhookEndpoints.SingleAsync();
            Assert.Equal("match.created,proposal.recorded", e.Events);
            Assert.DoesNotContain(secret, e.SecretProtected, StringComparison.Ordinal);
        });
        var lead = await _h.App.SignedInAsync("Lead");
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/Routing/Webhooks")).StatusCode);
    }

    private static string? Python()
    {
        foreach (var name in new[] { "/usr/bin/python3", "/usr/local/bin/python3" })
        {
            if (File.Exists(name))
                return name;
        }
        return null;
    }

    /// <summary>The docs' three-line Python check, run as a separate process on the received body.</summary>
    private static async Task<string> VerifyWithPythonAsync(string python, string header, string body)
    {
        const string script = """
            import hmac, hashlib, sys
            t, v1 = [p.split("=", 1)[1] for p in sys.argv[1].split(",")]
            body = sys.stdin.buffer.read()
            ok = hmac.compare_digest(
                hmac.new(sys.argv[2].encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest(), v1
            )
            print("ok" if ok else "bad")
            """;
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-c", script, header, Secret })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(body);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }
}
