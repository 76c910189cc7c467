using System.Net;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features;

public sealed class RoleMatrixFixture : TestApp
{
    private readonly Dictionary<string, HttpClient> _browsers = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public const string MatrixPosting = "~matrix";

    public string? AnyUserId { get; private set; }

    /// <summary>A proposal of the owner's: readers of all see it; a Freelancer, not its owner, does not.</summary>
    public long AnyProposalId { get; private set; }

    public async Task<HttpClient> BrowserFor(string role)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_browsers.TryGetValue(role, out var browser))
            {
                if (_browsers.Count == 0)
                {
                    AnyUserId = (await CreateUserAsync("owner@example.test", "Admin")).Id;
                    await WithDbAsync(async db =>
                    {
                        db.Postings.Add(new UpworkAssist.Web.Data.Posting { Id = MatrixPosting, Title = "Matrix job", PublishedAt = Clock.GetUtcNow(), FetchedAt = Clock.GetUtcNow() });
                        await db.SaveChangesAsync();
                    });
                    AnyProposalId = await WithScopeAsync(async sp =>
                    {
                        var db = sp.GetRequiredService<UpworkAssist.Web.Data.AppDbContext>();
                        var proposal = new UpworkAssist.Web.Data.Proposal { PostingId = "~0matrix", FreelancerId = AnyUserId, SentAt = Clock.GetUtcNow() };
                        db.Proposals.Add(proposal);
                        await db.SaveChangesAsync();
                        return proposal.Id;
                    });
                }
                browser = role == "Anonymous" ? Browser() : await SignedInAsync(role);
                _browsers[role] = browser;
            }
            return browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        _gate.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// Every page the application has, and who may open it. A page added without a row here fails
/// <see cref="Every_page_has_a_row_in_the_matrix"/>, so no page ships without a decided policy.
/// </summary>
public sealed class RoleMatrixTests(RoleMatrixFixture app) : IClassFixture<RoleMatrixFixture>
{
    private const string Anyone = "Anonymous Admin Lead Freelancer Manager";
    private const string SignedIn = "Admin Lead Freelancer Manager";

    // page → (url to request, who gets 200)
    public static readonly Dictionary<string, (string Url, string Allowed)> Matrix = new()
    {
        ["/Index"] = ("/", SignedIn),
        ["/Error"] = ("/Error/404", Anyone),
        ["/Account/Login"] = ("/Account/Login", Anyone),
        ["/Account/Logout"] = ("/Account/Logout", SignedIn),
        ["/Account/Password"] = ("/Account/Password", SignedIn),
        ["/Account/Tokens"] = ("/Account/Tokens", SignedIn),
        ["/Account/TimeZone"] = ("/Account/TimeZone", SignedIn),
        ["/Setup/Index"] = ("/Setup", ""),
        ["/Queue/Index"] = ("/Queue", SignedIn),
        ["/Queue/Job"] = ("/Queue/Job/" + RoleMatrixFixture.MatrixPosting, "Admin Lead Manager"),
        ["/Lanes/Index"] = ("/Lanes", SignedIn),
        ["/Lanes/Edit"] = ("/Lanes/Edit", "Admin Lead"),
        ["/Lanes/Import"] = ("/Lanes/Import", "Admin Lead"),
        ["/Lanes/Routes"] = ("/Lanes/Routes?lane=dotnet", "Admin Lead"),
        ["/Drafts/Index"] = ("/Drafts", "Admin Lead Freelancer"),
        ["/Drafts/New"] = ("/Drafts/New?postingId=missing", "Admin Lead Freelancer"),
        ["/Drafts/Edit"] = ("/Drafts/Edit?id=0", "Admin Lead Freelancer"),
        ["/Drafts/Profile"] = ("/Drafts/Profile", "Admin Lead Freelancer"),
        ["/Drafts/Templates"] = ("/Drafts/Templates", "Admin Lead Freelancer"),
        ["/Drafts/Template"] = ("/Drafts/Template", "Admin Lead Freelancer"),
        ["/Drafts/Team"] = ("/Drafts/Team", "Admin Lead"),
        ["/Pipeline/Index"] = ("/Pipeline", SignedIn),
        ["/Pipeline/Edit"] = ("/Pipeline/Edit?id={proposal}", "Admin Lead Manager"),
        ["/Analytics/Index"] = ("/Analytics", SignedIn),
        ["/Compliance/Index"] = ("/Compliance", "Admin Lead Manager"),
        ["/Compliance/Inventory"] = ("/Compliance/Inventory", "Admin Lead Manager"),
        ["/Compliance/Tool"] = ("/Compliance/Tool", "Admin Lead"),
        ["/Compliance/AuditPlan"] = ("/Compliance/AuditPlan", "Admin Lead Manager"),
        ["/Compliance/Review"] = ("/Compliance/Review", "Admin Lead Manager"),
        ["/Compliance/Export"] = ("/Compliance/Export", "Admin Manager"),
        ["/Knowledge/Index"] = ("/Knowledge", SignedIn),
        ["/Knowledge/Read"] = ("/Knowledge/Read?slug=kickoff-call", SignedIn),
        ["/Knowledge/Edit"] = ("/Knowledge/Edit", "Admin Lead"),
        ["/Audit/Index"] = ("/Audit", "Admin Manager"),
        ["/Admin/Index"] = ("/Admin", "Admin"),
        ["/Admin/Users/Index"] = ("/Admin/Users", "Admin"),
        ["/Admin/Users/Create"] = ("/Admin/Users/Create", "Admin"),
        ["/Admin/Users/Edit"] = ("/Admin/Users/Edit?id={user}", "Admin"),
        ["/Admin/Feed/Connection"] = ("/Admin/Feed/Connection", "Admin"),
        ["/Feed/Status"] = ("/Feed/Status", "Admin Lead Manager"),
        // Not a Razor page, but an Admin area all the same.
        ["hangfire"] = ("/hangfire", "Admin"),
    };

    // Pages every signed-in role may open, where a record the reader may not see answers 404 instead.
    private static readonly HashSet<string> RecordFiltered = ["/Pipeline/Edit"];
    // Pages about one subject, asked for a subject that does not exist: past authorization they answer 404.
    private static readonly HashSet<string> SubjectPages = ["/Drafts/New", "/Drafts/Edit"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in Matrix.Keys)
        {
            foreach (var role in Anyone.Split(' '))
            {
                data.Add(page, role);
            }
        }
        return data;
    }

    [Fact]
    public void Every_page_has_a_row_in_the_matrix()
    {
        var pages = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>().Select(p => p.ViewEnginePath).Distinct().ToList();
        Assert.NotEmpty(pages);
        var missing = pages.Where(p => !Matrix.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, "Pages without a role decision: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_gets_exactly_the_pages_its_policy_allows(string page, string role)
    {
        var (url, allowed) = Matrix[page];
        var browser = await app.BrowserFor(role);
        var response = await browser.GetAsync(url.Replace("{user}", app.AnyUserId, StringComparison.Ordinal)
            .Replace("{proposal}", app.AnyProposalId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        if (allowed.Split(' ').Contains(role))
        {
            // Logout answers GET with a redirect home; sign-out itself needs a POST.
            var expected = page == "/Account/Logout" ? HttpStatusCode.Redirect
                : page == "/Error" || SubjectPages.Contains(page) ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            Assert.Equal(expected, response.StatusCode);
        }
        else if (page == "/Setup/Index")
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        else if (RecordFiltered.Contains(page) && role != "Anonymous")
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        else if (role == "Anonymous")
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", new Uri(new Uri("http://localhost"), response.Location()).PathAndQuery, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }
}
