using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Routing.Webhooks;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Features.Drafts;
using UpworkAssist.Web.Tests.Features.Pipeline;

namespace UpworkAssist.Web.Tests.Infrastructure;

/// <summary>
/// A store as a team has it after a while: the demo feed polled through the starter lanes, one
/// person in each role, a pipeline of known proposals, a draft per drafting role and a demo job
/// assigned to the freelancer. Each role keeps one signed-in page, shared by the tests of a
/// class, so a test pays for navigation and not for sign-in.
/// </summary>
public sealed class DailyUseApp : BrowserApp
{
    private readonly Dictionary<string, IPage> _pages = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _seeded;

    public KnownPipeline Pipeline { get; } = new();

    /// <summary>The freelancer of the known pipeline: she has proposals of her own.</summary>
    public const string FreelancerEmail = "alice@example.test";

    public string AssignedPostingId { get; private set; } = "";

    /// <summary>An Admin's webhook endpoint with one logged delivery, for the delivery log page.</summary>
    public long WebhookEndpointId { get; private set; }
    public string UnassignedPostingId { get; private set; } = "";
    public Dictionary<string, long> DraftOf { get; } = [];
    public Dictionary<string, string> UserIdOf { get; } = [];

    public static string EmailOf(string role) =>
        role == Roles.Freelancer ? FreelancerEmail : $"{role.ToLowerInvariant()}@example.test";

    public async Task SeedAsync()
    {
        if (_seeded)
            return;
        // The feed first: the known pipeline's lanes carry no rules for the engine to compile.
        var run = await WithScopeAsync(sp =>
            sp.GetRequiredService<FeedPoller>().PollAsync("test", CancellationToken.None)
        );
        Assert.Equal(0, run.Errors);
        await Pipeline.SeedAsync(this);
        await WithDbAsync(async db =>
        {
            // Real lanes carry rules (the lanes page reads them): give the known ones an empty set.
            foreach (var lane in await db.Lanes.Where(l => l.RulesJson == "{}").ToListAsync())
            {
                LaneRules.Apply(
                    lane,
                    new LaneDefinition
                    {
                        Id = lane.Id,
                        Name = lane.Name,
                        Enabled = false,
                    }
                );
            }
            await db.SaveChangesAsync();
        });
        UserIdOf[Roles.Freelancer] = Pipeline.Alice;
        foreach (var role in new[] { Roles.Admin, Roles.Lead, Roles.Manager })
        {
            UserIdOf[role] = (await CreateUserAsync(EmailOf(role), role)).Id;
        }
        await WithDbAsync(async db =>
        {
            await db
                .Users.Where(u => u.Id == Pipeline.Alice)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "Alice Archer"));
            await db
                .Users.Where(u => u.Id == UserIdOf[Roles.Lead])
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "Lee Lead"));
        });
        await WithDbAsync(async db =>
        {
            var matched = await db.Matches.OrderBy(m => m.Id).Select(m => m.PostingId).Distinct().Take(2).ToListAsync();
            (AssignedPostingId, UnassignedPostingId) = (matched[0], matched[1]);
            var assigned = await db.Matches.FirstAsync(m => m.PostingId == AssignedPostingId);
            assigned.AssigneeId = Pipeline.Alice;
            assigned.Status = MatchStatus.Assigned;
            assigned.Version++;
            await db.SaveChangesAsync();
        });
        foreach (var role in new[] { Roles.Freelancer, Roles.Lead, Roles.Admin })
        {
            // On Kestrel the factory's in-memory client has no server to talk to: a real one does.
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
            {
                BaseAddress = new Uri(BaseUrl),
            };
            await browser.LoginAsync(EmailOf(role), Password);
            DraftOf[role] = await DraftsTestData.StartDraftAsync(this, browser, AssignedPostingId);
        }
        await WithDbAsync(async db =>
        {
            var now = Clock.GetUtcNow();
            var endpoint = new WebhookEndpoint
            {
                Url = "https://hooks.example.com/upwork",
                Events = "match.created",
                SecretProtected = "not-used",
                Enabled = false,
                CreatedAt = now,
            };
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync();
            db.WebhookDeliveries.Add(
                new WebhookDelivery
                {
                    EndpointId = endpoint.Id,
                    EventId = "evt_sample",
                    EventType = "match.created",
                    Payload = "{}",
                    Status = WebhookDeliveryStatus.Delivered,
                    Attempts = 1,
                    CreatedAt = now,
                    NextAttemptAt = now,
                    RetryFrom = now,
                    ResponseCode = 200,
                    LastAttemptAt = now,
                    DeliveredAt = now,
                }
            );
            await db.SaveChangesAsync();
            WebhookEndpointId = endpoint.Id;
        });
        _seeded = true;
    }

    /// <summary>The one page of this role, signed in (and seeded on first use).</summary>
    public async Task<IPage> PageAsAsync(string role)
    {
        await _gate.WaitAsync();
        try
        {
            await SeedAsync();
            if (_pages.TryGetValue(role, out var page))
                return page;
            page = await NewPageAsync();
            await page.SetViewportSizeAsync(1366, 900);
            await SignInAsync(page, EmailOf(role));
            _pages[role] = page;
            return page;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The address of a page of the role matrix, with real subjects for the pages about one.</summary>
    public string UrlOf(string page, string role, string matrixUrl) =>
        page switch
        {
            "/Queue/Job" => "/Queue/Job/" + Uri.EscapeDataString(AssignedPostingId),
            // A Freelancer drafts only for jobs assigned to them (docs/accounts.md).
            "/Drafts/New" => "/Drafts/New?postingId="
                + Uri.EscapeDataString(role == Roles.Freelancer ? AssignedPostingId : UnassignedPostingId),
            "/Routing/Routes" => "/Routing/Routes?lane=dotnet",
            "/Drafts/Edit" => "/Drafts/Edit?id=" + DraftOf[role].ToString(CultureInfo.InvariantCulture),
            "/Pipeline/Edit" => "/Pipeline/Edit?id=" + Pipeline.Ids[0].ToString(CultureInfo.InvariantCulture),
            "/Admin/Users/Edit" => "/Admin/Users/Edit?id=" + UserIdOf[Roles.Lead],
            "/Knowledge/Read" => "/Knowledge/Read?slug=onboarding",
            "/Routing/Webhooks/Deliveries" => "/Routing/Webhooks/Deliveries?endpoint="
                + WebhookEndpointId.ToString(CultureInfo.InvariantCulture),
            _ => matrixUrl,
        };

    protected override void Dispose(bool disposing)
    {
        _gate.Dispose();
        base.Dispose(disposing);
    }
}
