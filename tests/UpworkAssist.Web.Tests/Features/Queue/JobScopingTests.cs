using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Api;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Queue;

/// <summary>
/// A Freelancer reads and drafts for exactly the jobs assigned to them, on the pages and on the API alike.
/// </summary>
public sealed class JobScopingTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] Jobs = ["~mine", "~theirs", "~nobodys"];
    private readonly TestApp _app = new();
    private AppUser _freelancer = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _freelancer = await _app.CreateUserAsync("fay@example.test", "Freelancer");
        _browser = _app.Browser();
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await _browser.LoginAsync("fay@example.test", TestApp.Password)).StatusCode
        );
        await _app.WithDbAsync(async db =>
        {
            var now = _app.Clock.GetUtcNow();
            var lane = await db.Lanes.Select(l => l.Id).FirstAsync();
            foreach (var id in Jobs)
            {
                db.Postings.Add(
                    new Posting
                    {
                        Id = id,
                        Title = "Job " + id,
                        PublishedAt = now,
                        FetchedAt = now,
                    }
                );
                db.Matches.Add(
                    new Match
                    {
                        PostingId = id,
                        LaneId = lane,
                        MatchedAt = now,
                        AssigneeId = id == "~mine" ? _freelancer.Id : null,
                    }
                );
            }
            await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private async Task<HttpClient> TokenAsync(string userId)
    {
        var issued = await _app.WithScopeAsync(sp =>
            sp.GetRequiredService<AccessTokens>().IssueAsync(userId, "scoping", null, CancellationToken.None)
        );
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Secret);
        return client;
    }

    private static async Task<List<string>> JobIdsAsync(HttpClient api, string url, string field) =>
        [
            .. (await api.GetFromJsonAsync<JsonElement>(url))
                .GetProperty("items")
                .EnumerateArray()
                .Select(i => i.GetProperty(field).GetString()!)
                .Order(StringComparer.Ordinal),
        ];

    [Fact]
    public async Task The_API_gives_a_freelancer_only_their_assigned_jobs_and_no_deliveries_and_a_manager_everything()
    {
        var api = await TokenAsync(_freelancer.Id);
        Assert.Equal(["~mine"], await JobIdsAsync(api, "/api/v1/matches", "jobId"));
        Assert.Equal(["~mine"], await JobIdsAsync(api, "/api/v1/postings", "id"));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/alerts")).StatusCode);
        // The cookie reads the same as the token.
        Assert.Equal(["~mine"], await JobIdsAsync(_browser, "/api/v1/matches", "jobId"));

        var manager = await TokenAsync((await _app.CreateUserAsync("mo@example.test", "Manager")).Id);
        Assert.Equal(3, (await JobIdsAsync(manager, "/api/v1/matches", "jobId")).Count);
        Assert.Equal(Jobs.Order(StringComparer.Ordinal), await JobIdsAsync(manager, "/api/v1/postings", "id"));
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/alerts")).StatusCode);
    }

    [Fact]
    public async Task A_freelancer_cannot_draft_for_a_job_not_assigned_to_them_and_a_draft_unlocks_nothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await _browser.GetAsync("/Drafts/New?postingId=~mine")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _browser.GetAsync("/Drafts/New?postingId=~theirs")).StatusCode);
        var token = await _browser.AntiforgeryTokenAsync("/Drafts/New?postingId=~mine");
        var post = await _browser.PostAsync(
            "/Drafts/New?postingId=~theirs",
            new FormUrlEncodedContent([new("UseAi", "false"), new("__RequestVerificationToken", token)])
        );
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await _app.WithDbAsync(async db => Assert.False(await db.Drafts.AnyAsync(d => d.PostingId == "~theirs")));

        // A draft left from before (an older version, or a reassignment) does not open the job.
        await _app.WithDbAsync(async db =>
        {
            db.Drafts.Add(
                new Draft
                {
                    PostingId = "~theirs",
                    FreelancerId = _freelancer.Id,
                    Drafter = "template",
                    CreatedAt = _app.Clock.GetUtcNow(),
                    UpdatedAt = _app.Clock.GetUtcNow(),
                }
            );
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await _browser.GetAsync("/Queue/Job/~theirs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _browser.GetAsync("/Queue/Job/~mine")).StatusCode);

        var drafts = await _browser.GetStringAsync("/Drafts");
        Assert.Contains("/Drafts/New?postingId=~mine", drafts, StringComparison.Ordinal);
        Assert.DoesNotContain("postingId=~theirs", drafts, StringComparison.Ordinal);
        Assert.DoesNotContain("postingId=~nobodys", drafts, StringComparison.Ordinal);
    }
}
