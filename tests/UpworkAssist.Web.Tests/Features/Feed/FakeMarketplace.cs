using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace UpworkAssist.Web.Tests.Features.Feed;

/// <summary>
/// The marketplace as a real HTTP server on 127.0.0.1 (Kestrel, port 0): the OAuth2 token endpoint
/// and `marketplaceJobPostingsSearch` over GraphQL, newest first with cursors, speaking
/// UPWORK_API.md including its failures. Tests script failures with <see cref="Then"/>.
/// </summary>
public sealed class FakeMarketplace : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _postings = []; // newest first
    private int _tokenSerial;

    public sealed record Request(
        DateTimeOffset At,
        string Path,
        string? After,
        string? Authorization,
        string UserAgent,
        string Body,
        string? Tenant = null
    );

    private FakeMarketplace(WebApplication app) => _app = app;

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// The connected account's own proposals, answered to `vendorProposals` (FakeVendorProposals.cs).
    /// </summary>
    public FakeVendorProposals VendorProposals { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public ConcurrentQueue<Request> Requests { get; } = new();
    public IEnumerable<Request> GraphQlRequests => Requests.Where(r => r.Path == "/graphql");
    public HashSet<string> ValidAccessTokens { get; } = [];
    public HashSet<string> ValidRefreshTokens { get; } = ["rt-0"];
    public string? LastIssuedRefreshToken { get; private set; }
    public string? LastIssuedAccessToken { get; private set; }

    /// <summary>
    /// When set, the first N edges of every page after the first repeat the previous page's last edges.
    /// </summary>
    public int OverlapPages { get; set; }

    /// <summary>
    /// How many results one search reaches at most, as the marketplace's result cap; unlimited when null.
    /// </summary>
    public int? ResultCap { get; set; }

    /// <summary>The `scope` the token endpoint adds to its replies; none when null.</summary>
    public string? TokenScope { get; set; }

    /// <summary>
    /// A string value equal to this is sent as the JSON text `"\ud800"`: a lone surrogate, valid JSON but no valid
    /// string.
    /// </summary>
    public const string LoneSurrogate = "__lone_surrogate__";

    /// <summary>Called with the `after` of each search before it is answered (a test can stop the poll here).</summary>
    public Action<string?>? OnSearch { get; set; }

    /// <summary>Runs once a grant is rotated, before its answer is written back.</summary>
    public Action? OnTokenIssued { get; set; }

    public static async Task<FakeMarketplace> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeMarketplace(app);
        app.MapPost("/token", fake.TokenAsync);
        app.MapPost("/graphql", fake.GraphQlAsync);
        await app.StartAsync();
        fake.BaseAddress = new Uri(app.Urls.First());
        return fake;
    }

    public Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Upwork:Mode"] = "Api",
            ["Upwork:ClientId"] = "client-id",
            ["Upwork:ClientSecret"] = "client-secret-value",
            ["Upwork:RefreshToken"] = "rt-0",
            ["Upwork:GraphQlEndpoint"] = new Uri(BaseAddress, "/graphql").ToString(),
            ["Upwork:TokenEndpoint"] = new Uri(BaseAddress, "/token").ToString(),
            ["Upwork:PageSize"] = "3",
            ["Upwork:MaxPagesPerPoll"] = "5",
            // Room for a loaded machine's cold first request (a token refresh that timed out after the
            // fake rotated the grant would lose it); the tests that time a request out set their own.
            ["Upwork:RequestTimeout"] = "00:00:05",
        };
        foreach (var (k, v) in more ?? [])
        {
            settings[k] = v;
        }
        return settings;
    }

    /// <summary>Publishes postings; the newest is the last argument, as if published in that order.</summary>
    public void Publish(params JsonObject[] nodes)
    {
        lock (_gate)
        {
            foreach (var n in nodes)
            {
                _postings.Insert(0, n);
            }
        }
    }

    /// <summary>
    /// The client renews (bumps) a posting: it moves to the top of the newest-first search with
    /// `renewedDateTime` set, keeping its `publishedDateTime`, as UPWORK_API.md describes.
    /// </summary>
    public void Renew(string ciphertext, DateTimeOffset at)
    {
        lock (_gate)
        {
            var i = _postings.FindIndex(n => n["ciphertext"]?.GetValue<string>() == ciphertext);
            var node = _postings[i];
            _postings.RemoveAt(i);
            node["renewedDateTime"] = at.ToString("O", CultureInfo.InvariantCulture);
            _postings.Insert(0, node);
        }
    }

    /// <summary>Every ciphertext the marketplace lists, newest first.</summary>
    public IReadOnlyList<string> Ciphertexts()
    {
        lock (_gate)
        {
            return _postings.Select(n => n["ciphertext"]?.ToString() ?? "").ToList();
        }
    }

    /// <summary>The next GraphQL request gets this answer instead of a page.</summary>
    public void Then(Func<HttpContext, Task> answer) => _script.Enqueue(answer);

    public void ThenStatus(
        int status,
        string body,
        string contentType = "text/html",
        (string, string)? header = null
    ) =>
        Then(async ctx =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = contentType;
            if (header is { } h)
            {
                ctx.Response.Headers[h.Item1] = h.Item2;
            }
            await ctx.Response.WriteAsync(body);
        });

    public void ThenHang() =>
        Then(async ctx =>
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default)
        );

    public static JsonObject Node(
        string ciphertext,
        DateTimeOffset published,
        string? amount = "500.00",
        string title = "A job"
    )
    {
        return new JsonObject
        {
            ["id"] = "1" + ciphertext.GetHashCode(StringComparison.Ordinal).ToString("x", CultureInfo.InvariantCulture),
            ["ciphertext"] = ciphertext,
            ["title"] = title,
            ["description"] = "<p>Build it &amp; ship it</p>",
            ["createdDateTime"] = published.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
            ["publishedDateTime"] = published.ToString("O", CultureInfo.InvariantCulture),
            ["experienceLevel"] = "EXPERT",
            ["totalApplicants"] = 3,
            ["amount"] = amount is null ? null : new JsonObject { ["rawValue"] = amount, ["currency"] = "USD" },
            ["hourlyBudgetMin"] = null,
            ["hourlyBudgetMax"] = null,
            ["skills"] = new JsonArray(new JsonObject { ["name"] = "csharp", ["prettyName"] = "C#" }),
            ["occupations"] = new JsonObject
            {
                ["category"] = new JsonObject { ["id"] = "1", ["prefLabel"] = "Web Development" },
            },
            ["client"] = new JsonObject
            {
                ["totalHires"] = 4,
                ["totalReviews"] = 3,
                ["totalFeedback"] = 4.9,
                ["verificationStatus"] = "VERIFIED",
                ["totalSpent"] = new JsonObject { ["rawValue"] = 12000 },
                ["location"] = new JsonObject { ["country"] = "Germany" },
            },
        };
    }

    private async Task TokenAsync(HttpContext ctx)
    {
        var form = await ctx.Request.ReadFormAsync();
        Record(ctx, null, string.Join("&", form.Keys));
        var grant = form["grant_type"].ToString();
        var valid =
            form["client_id"] == "client-id"
            && form["client_secret"] == "client-secret-value"
            && grant switch
            {
                "refresh_token" => ValidRefreshTokens.Remove(form["refresh_token"].ToString()),
                "authorization_code" => form["code"] == "good-code",
                _ => false,
            };
        if (!valid)
        {
            ctx.Response.StatusCode = 400;
            await ctx.Response.WriteAsJsonAsync(
                new { error = "invalid_grant", error_description = "The refresh token is invalid." }
            );
            return;
        }
        var n = Interlocked.Increment(ref _tokenSerial);
        LastIssuedAccessToken = $"at-{n}";
        LastIssuedRefreshToken = $"rt-{n}";
        ValidAccessTokens.Add(LastIssuedAccessToken);
        ValidRefreshTokens.Add(LastIssuedRefreshToken);
        OnTokenIssued?.Invoke();
        // expires_in as a string, as the marketplace sometimes sends it.
        var reply = new JsonObject
        {
            ["access_token"] = LastIssuedAccessToken,
            ["refresh_token"] = LastIssuedRefreshToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = "86400",
        };
        if (TokenScope is not null)
        {
            reply["scope"] = TokenScope;
        }
        await ctx.Response.WriteAsJsonAsync(reply);
    }

    private async Task GraphQlAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var body = await reader.ReadToEndAsync();
        var json = JsonNode.Parse(body)!;
        var proposals =
            json["query"]?.GetValue<string>().Contains("vendorProposals(", StringComparison.Ordinal) == true;
        var after = proposals
            ? json["variables"]?["pagination"]?["after"]?.GetValue<string>()
            : json["variables"]?["marketPlaceJobFilter"]?["pagination_eq"]?["after"]?.GetValue<string>();
        var first = json["variables"]?["marketPlaceJobFilter"]?["pagination_eq"]?["first"]?.GetValue<int>() ?? 10;
        Record(ctx, after, body);
        OnSearch?.Invoke(after);
        if (_script.TryDequeue(out var scripted))
        {
            await scripted(ctx);
            return;
        }
        var auth = ctx.Request.Headers.Authorization.ToString();
        if (
            !auth.StartsWith("Bearer ", StringComparison.Ordinal)
            || !ValidAccessTokens.Contains(auth["Bearer ".Length..])
        )
        {
            ctx.Response.StatusCode = 401;
            await ctx.Response.WriteAsJsonAsync(new { message = "Unauthorized" });
            return;
        }
        if (after is null)
        {
            // The real service answers a missing `after` with a bare 500.
            ctx.Response.StatusCode = 500;
            ctx.Response.ContentType = "text/html";
            await ctx.Response.WriteAsync("<html><body>Internal Server Error</body></html>");
            return;
        }
        ctx.Response.ContentType = "application/json";
        if (proposals)
        {
            var status = json["variables"]?["filter"]?["status_eq"]?.GetValue<string>() ?? "";
            var size = json["variables"]?["pagination"]?["first"]?.GetValue<int>() ?? 10;
            await ctx.Response.WriteAsync(
                new JsonObject { ["data"] = VendorProposals.Page(status, after, size) }.ToJsonString()
            );
            return;
        }
        var text = new JsonObject { ["data"] = Page(after, first) }
            .ToJsonString()
            .Replace($"\"{LoneSurrogate}\"", "\"\\ud800 lone\"", StringComparison.Ordinal);
        await ctx.Response.WriteAsync(text);
    }

    public JsonObject Page(string after, int first)
    {
        lock (_gate)
        {
            var start = after == "0" ? 0 : int.Parse(after.TrimStart('c'), CultureInfo.InvariantCulture);
            if (start > 0 && OverlapPages > 0)
            {
                start = Math.Max(0, start - OverlapPages);
            }
            var reachable = ResultCap is { } cap ? Math.Min(cap, _postings.Count) : _postings.Count;
            var slice = _postings.Take(reachable).Skip(start).Take(first).ToList();
            var end = start + slice.Count;
            var edges = new JsonArray(
                slice
                    .Select(
                        (n, i) =>
                            (JsonNode)new JsonObject { ["cursor"] = $"c{start + i + 1}", ["node"] = n.DeepClone() }
                    )
                    .ToArray()
            );
            return new JsonObject
            {
                ["marketplaceJobPostingsSearch"] = new JsonObject
                {
                    ["totalCount"] = _postings.Count,
                    ["edges"] = edges,
                    ["pageInfo"] = new JsonObject
                    {
                        ["hasNextPage"] = end < reachable,
                        ["endCursor"] = slice.Count > 0 ? $"c{end}" : null,
                    },
                },
            };
        }
    }

    private void Record(HttpContext ctx, string? after, string body) =>
        Requests.Enqueue(
            new Request(
                Clock.GetUtcNow(),
                ctx.Request.Path,
                after,
                ctx.Request.Headers.Authorization.ToString(),
                ctx.Request.Headers.UserAgent.ToString(),
                body,
                ctx.Request.Headers.TryGetValue("X-Upwork-API-TenantId", out var tenant) ? tenant.ToString() : null
            )
        );

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
