using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Drafts;

/// <summary>Arranges postings, matches, profiles and signed-in people for the drafts tests.</summary>
public static class DraftsTestData
{
    public static async Task<Posting> SeedPostingAsync(TestApp app, string id = "~01draftjob", string lane = "dotnet")
    {
        var posting = new Posting
        {
            Id = id,
            Url = $"https://www.upwork.com/jobs/{id}",
            Title = "Fix Stripe webhook retries in our ASP.NET Core API",
            Description = "Our webhook handler double-charges on retries. Need an idempotent fix.",
            PublishedAt = app.Clock.GetUtcNow().AddMinutes(-30),
            Type = PostingType.Fixed,
            FixedBudget = 800,
            Skills = ["C#", "ASP.NET Core", "Stripe"],
            TotalApplicants = 7,
            FetchedAt = app.Clock.GetUtcNow().AddMinutes(-29),
            UpdatedAt = app.Clock.GetUtcNow(),
        };
        await app.WithDbAsync(async db =>
        {
            db.Postings.Add(posting);
            db.Matches.Add(
                new Match
                {
                    PostingId = id,
                    LaneId = lane,
                    MatchedAt = app.Clock.GetUtcNow().AddMinutes(-28),
                    Score = 1,
                }
            );
            await db.SaveChangesAsync();
        });
        return posting;
    }

    public static async Task<(HttpClient Browser, AppUser User)> SignInAsync(
        TestApp app,
        string role = "Freelancer",
        string? name = null
    )
    {
        var email = $"{name ?? role.ToLowerInvariant()}-{Guid.NewGuid():n}@example.test";
        var user = await app.CreateUserAsync(email, role);
        var browser = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email, TestApp.Password)).StatusCode);
        await app.WithDbAsync(async db =>
        {
            db.FreelancerProfiles.Add(
                new FreelancerProfile
                {
                    UserId = user.Id,
                    Skills = "C#, Stripe",
                    Bio = "I fix payment back ends.",
                    HourlyRate = 70,
                    UpdatedAt = app.Clock.GetUtcNow(),
                }
            );
            db.ProofArtifacts.Add(
                new ProofArtifact
                {
                    UserId = user.Id,
                    Kind = ProofKind.Loom,
                    Label = "Stripe retry fix",
                    Url = "https://www.loom.com/share/demo1",
                }
            );
            await db.SaveChangesAsync();
        });
        return (browser, user);
    }

    public static Task<long> ProofIdAsync(TestApp app, string userId) =>
        app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>()
                .ProofArtifacts.Where(p => p.UserId == userId)
                .Select(p => p.Id)
                .FirstAsync()
        );

    /// <summary>Starts a template draft through the page and returns its id.</summary>
    public static async Task<long> StartDraftAsync(
        TestApp app,
        HttpClient browser,
        string postingId,
        bool useAi = false,
        long? proofId = null
    )
    {
        await AssignAsync(app, browser, postingId);
        var url = $"/Drafts/New?postingId={Uri.EscapeDataString(postingId)}";
        var fields = new List<(string, string)> { ("UseAi", useAi ? "true" : "false") };
        if (proofId is { } p)
        {
            fields.Add(("ProofId", p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        var response = await browser.SubmitAsync(url, [.. fields]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return DraftId(response);
    }

    /// <summary>
    /// As a lead would in the queue: assigns the posting to the browser's user, since a freelancer
    /// drafts only for jobs assigned to them. Another lane's match is added when each is taken.
    /// </summary>
    public static async Task AssignAsync(TestApp app, HttpClient browser, string postingId)
    {
        var me = (await browser.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me"))
            .GetProperty("id")
            .GetString()!;
        await app.WithDbAsync(async db =>
        {
            var matches = await db.Matches.Where(m => m.PostingId == postingId).ToListAsync();
            if (matches.Any(m => m.AssigneeId == me))
                return;
            var match = matches.FirstOrDefault(m => m.AssigneeId == null);
            if (match is null)
            {
                var taken = matches.Select(m => m.LaneId).ToList();
                match = new Match
                {
                    PostingId = postingId,
                    LaneId = await db.Lanes.Where(l => !taken.Contains(l.Id)).Select(l => l.Id).FirstAsync(),
                    MatchedAt = app.Clock.GetUtcNow(),
                };
                db.Matches.Add(match);
            }
            (match.AssigneeId, match.Status) = (me, MatchStatus.Assigned);
            await db.SaveChangesAsync();
        });
    }

    public static long DraftId(HttpResponseMessage response)
    {
        var location = response.Location();
        Assert.StartsWith("/Drafts/Edit?id=", location, StringComparison.Ordinal);
        return long.Parse(location["/Drafts/Edit?id=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task<Draft> DraftAsync(TestApp app, long id) =>
        app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Drafts.AsNoTracking().SingleAsync(d => d.Id == id)
        );

    /// <summary>Approves the draft with this text, as the editor's Approve button posts it.</summary>
    public static async Task<HttpResponseMessage> ApproveAsync(TestApp app, HttpClient browser, long id, string text)
    {
        var draft = await DraftAsync(app, id);
        return await PostEditAsync(
            browser,
            id,
            "Approve",
            ("Text", text),
            ("Version", draft.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        );
    }

    public static Task<HttpResponseMessage> PostEditAsync(
        HttpClient browser,
        long id,
        string handler,
        params (string, string)[] fields
    ) => browser.SubmitToAsync($"/Drafts/Edit?id={id}", $"/Drafts/Edit?id={id}&handler={handler}", fields);
}
