using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Api;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Security;

/// <summary>
/// One app for the matrix: a browser per role, a token per role, and records for the pages about one subject.
/// </summary>
public sealed class RoleMatrixFixture : TestApp
{
    private readonly Dictionary<string, Caller> _callers = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public const string MatrixPosting = RouteCatalog.SamplePosting;

    /// <summary>
    /// A signed-in (or anonymous) client, with a bearer token when it stands for a token, and its antiforgery token.
    /// </summary>
    public sealed record Caller(HttpClient Client, string Antiforgery);

    public string AnyUserId { get; private set; } = "";
    public long AnyProposalId { get; private set; }

    public async Task<Caller> CallerFor(string who)
    {
        await _gate.WaitAsync();
        try
        {
            if (_callers.Count == 0)
            {
                await SeedAsync();
            }
            if (!_callers.TryGetValue(who, out var caller))
            {
                caller = await NewCallerAsync(who);
                _callers[who] = caller;
            }
            return caller;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A caller of its own, for requests that end the session (sign-out).</summary>
    public Task<Caller> FreshCallerFor(string who) => NewCallerAsync(who);

    private async Task<Caller> NewCallerAsync(string who)
    {
        if (who.StartsWith("token:", StringComparison.Ordinal))
        {
            var role = who["token:".Length..];
            var user = await CreateUserAsync($"token-{role.ToLowerInvariant()}-{Guid.NewGuid():n}@example.test", role);
            var issued = await WithScopeAsync(sp =>
                sp.GetRequiredService<AccessTokens>().IssueAsync(user.Id, "matrix", null, CancellationToken.None)
            );
            // A token with no sign-in: pages must treat it as nobody, the API as its owner.
            var client = Browser();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Secret);
            return new Caller(client, await client.AntiforgeryTokenAsync("/Account/Login"));
        }
        if (who == "Anonymous")
        {
            var anonymous = Browser();
            return new Caller(anonymous, await anonymous.AntiforgeryTokenAsync("/Account/Login"));
        }
        var email = $"{who.ToLowerInvariant()}-{Guid.NewGuid():n}@example.test";
        var created = await CreateUserAsync(email, who);
        if (who == Roles.Freelancer)
        {
            // The matrix job is this freelancer's, so pages about one job open for them.
            await WithDbAsync(async db =>
            {
                var match = db.Matches.Single(m => m.PostingId == MatrixPosting);
                match.AssigneeId = created.Id;
                match.Status = MatchStatus.Assigned;
                await db.SaveChangesAsync();
            });
        }
        var browser = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email, Password)).StatusCode);
        return new Caller(browser, await browser.AntiforgeryTokenAsync("/Account/Password"));
    }

    private async Task SeedAsync()
    {
        AnyUserId = (await CreateUserAsync("owner@example.test", Roles.Admin)).Id;
        await WithDbAsync(async db =>
        {
            var now = Clock.GetUtcNow();
            db.Postings.Add(
                new Posting
                {
                    Id = MatrixPosting,
                    Title = "Matrix job",
                    PublishedAt = now,
                    FetchedAt = now,
                }
            );
            db.Matches.Add(
                new UpworkAssist.Web.Features.Lanes.Match
                {
                    PostingId = MatrixPosting,
                    LaneId = db.Lanes.OrderBy(l => l.Id).First().Id,
                    MatchedAt = now,
                }
            );
            var proposal = new Proposal
            {
                PostingId = "~0matrix",
                FreelancerId = AnyUserId,
                SentAt = now,
            };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            AnyProposalId = proposal.Id;
        });
    }

    protected override void Dispose(bool disposing)
    {
        _gate.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// Every page, page handler and endpoint the running application has, checked for every role,
/// for nobody signed in and for an access token of every role, against the one table in the
/// product (<see cref="AccessPolicy"/>); and docs/accounts.md checked against the same table.
/// </summary>
public sealed class RoleMatrixTests(RoleMatrixFixture app) : IClassFixture<RoleMatrixFixture>
{
    public static readonly TheoryData<string> Callers =
    [
        "Anonymous",
        Roles.Admin,
        Roles.Lead,
        Roles.Freelancer,
        Roles.Manager,
        "token:Admin",
        "token:Lead",
        "token:Freelancer",
        "token:Manager",
    ];

    /// <summary>
    /// Subject ids for the pages about one record: readers get the record, a 404 says "not yours" or "not there".
    /// </summary>
    private string Query(string key) =>
        key switch
        {
            "GET /Pipeline/Edit" => $"?id={app.AnyProposalId}",
            "GET /Admin/Users/Edit" => $"?id={app.AnyUserId}",
            "GET /Drafts/New" => "?postingId=" + RoleMatrixFixture.MatrixPosting,
            "GET /Routing/Routes" => "?lane=dotnet",
            "GET /Knowledge/Read" => "?slug=kickoff-call",
            _ => "",
        };

    private List<RouteCatalog.Route> Discover() => RouteCatalog.Discover(app.Services, Query);

    [Fact]
    public async Task Every_route_has_exactly_one_row_and_every_row_a_route()
    {
        await app.CallerFor("Anonymous");
        var discovered = Discover().Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("POST /Queue?handler=Act", discovered);
        Assert.Contains("GET /api/v1/matches", discovered);
        var rows = AccessPolicy.Rules.Select(r => r.Key).ToList();
        Assert.Equal(rows.Count, rows.Distinct(StringComparer.Ordinal).Count());
        var missing = discovered.Except(rows).Order(StringComparer.Ordinal).ToList();
        var stale = rows.Except(discovered).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Routes without a row in AccessPolicy: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Rows in AccessPolicy for routes that do not exist: " + string.Join(", ", stale));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Each_caller_gets_exactly_what_the_access_table_allows(string who)
    {
        var caller = await app.CallerFor(who);
        var tokenRole = who.StartsWith("token:", StringComparison.Ordinal) ? who["token:".Length..] : null;
        var wrong = new List<string>();
        foreach (var route in Discover().OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var rule =
                route.Rule
                ?? throw new InvalidOperationException(
                    route.Key + " has no row in AccessPolicy (see the discovery test)"
                );
            // A token is its owner on the API and nobody on the pages.
            var acting = tokenRole is not null ? (rule.TakesToken ? tokenRole : "Anonymous") : who;
            var allowed = rule.Policy == Policies.Anonymous || (acting != "Anonymous" && rule.Roles.Contains(acting));
            var c = route.Key == "POST /Account/Logout" ? await app.FreshCallerFor(who) : caller;
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url);
            if (route.Method == "POST")
            {
                request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", c.Antiforgery)]);
            }
            using var response = await c.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            // A challenge sends to sign-in and back (ReturnUrl); signing out lands on sign-in without one.
            var location = new Uri(new Uri("http://localhost"), response.Location());
            var toLogin =
                response.StatusCode == HttpStatusCode.Redirect
                && location.AbsolutePath == "/Account/Login"
                && location.Query.Contains("ReturnUrl=", StringComparison.Ordinal);
            var outcome = $"{route.Key} ({route.Url}) as {who}: {status} {response.Location()}";
            if (status >= 500)
            {
                wrong.Add(outcome + ", a server error");
            }
            else if (allowed && (status is 401 or 403 || toLogin))
            {
                wrong.Add(outcome + ", refused though the table allows " + acting);
            }
            else if (!allowed)
            {
                var expected =
                    acting != "Anonymous" ? status == 403
                    : rule.TakesToken ? status == 401
                    : toLogin;
                if (!expected)
                {
                    wrong.Add(outcome + ", not refused though the table does not allow " + acting);
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Docs_list_every_route_with_the_roles_and_reads_of_the_access_table()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "accounts.md"));
        var start = docs.IndexOf("<!-- access-table -->", StringComparison.Ordinal);
        var end = docs.IndexOf("<!-- /access-table -->", StringComparison.Ordinal);
        Assert.True(
            start >= 0 && end > start,
            "docs/accounts.md has no access table between <!-- access-table --> markers"
        );
        var documented = docs[start..end]
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .ToList();
        var expected = AccessPolicy.Rules.Select(DocRow).ToList();
        var missing = expected.Except(documented).ToList();
        var extra = documented.Except(expected).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            "docs/accounts.md differs from AccessPolicy.\nExpected rows missing:\n"
                + string.Join("\n", missing)
                + "\nRows not in the table:\n"
                + string.Join("\n", extra)
        );
    }

    /// <summary>How docs/accounts.md writes one row of the access table.</summary>
    internal static string DocRow(AccessRule rule) =>
        $"| `{rule.Key}` | {(rule.Policy == Policies.Anonymous ? "anyone" : string.Join(", ", rule.Roles))} | "
        + $"{(rule.TakesToken ? "yes" : "no")} | {rule.Reads ?? "everything"} |";

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "UpworkAssist.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName
            ?? throw new InvalidOperationException(
                "The repository root (UpworkAssist.sln) is not above " + AppContext.BaseDirectory
            );
    }
}
