using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Home;

/// <summary>One step of the first hour: done when the store shows it was done, never by a tick.</summary>
public sealed record ChecklistStep(string Key, string Title, string Detail, string Href, string Help, bool Done);

/// <summary>
/// The Admin's first hour, from the demo to a real team. Each step's state is read from what the
/// product already records (audit events, routes, users, profiles, the feed's connection), so it
/// cannot drift from the truth. It stays on the home page until every step is done or the Admin
/// dismisses it; the dismissal is an Identity user claim, so it needs no table.
/// </summary>
public sealed class FirstHourChecklist(
    AppDbContext db,
    UserManager<AppUser> users,
    MarketplaceTokens tokens,
    IOptionsMonitor<UpworkOptions> upwork
)
{
    public const string DismissedClaim = "ua:first-hour-dismissed";

    /// <summary>The steps, or none when the reader dismissed the list or finished it.</summary>
    public async Task<IReadOnlyList<ChecklistStep>> StepsAsync(AppUser admin, CancellationToken ct)
    {
        if ((await users.GetClaimsAsync(admin)).Any(c => c.Type == DismissedClaim))
            return [];
        var audited = await db
            .AuditEvents.Where(a =>
                a.Action.StartsWith("match.") || a.Action.StartsWith("lane.") || a.Action == "route.test_sent"
            )
            .Select(a => a.Action)
            .Distinct()
            .ToListAsync(ct);
        var firstLane = await db.Lanes.OrderBy(l => l.Name).Select(l => l.Id).FirstOrDefaultAsync(ct);
        var routes = firstLane is null ? "/Lanes" : "/Routing/Routes?lane=" + Uri.EscapeDataString(firstLane);
        var profile =
            await db.FreelancerProfiles.AnyAsync(p => p.Bio != "" || p.Skills != "", ct)
            && await db.ProofArtifacts.AnyAsync(ct);
        var connected = (await tokens.StatusAsync(ct)).Connected;
        ChecklistStep[] steps =
        [
            new(
                "demo-queue",
                "See the demo queue",
                "Open the queue and shortlist or dismiss a demo job: the keyboard works too (press ? there).",
                "/Queue",
                "queue",
                audited.Any(a => a.StartsWith("match.", StringComparison.Ordinal))
            ),
            new(
                "tune-lane",
                "Tune a lane with the preview",
                "Change a starter lane's budget floor or keywords, preview it on stored postings, then save.",
                "/Lanes",
                "lanes",
                audited.Any(a => a.StartsWith("lane.", StringComparison.Ordinal))
            ),
            new(
                "route-test",
                "Add a Slack or e-mail route and send a test",
                "Each lane sends its matches to its routes; \u201cSend test\u201d proves the webhook or address works.",
                routes,
                "routing",
                audited.Contains("route.test_sent") && await db.AlertRoutes.AnyAsync(ct)
            ),
            new(
                "invite-team",
                "Invite the team with roles",
                "Lead triages, Freelancer drafts and sends by hand, Manager reads the numbers.",
                "/Admin/Users/Create",
                "accounts",
                await db.Users.CountAsync(ct) > 1
            ),
            new(
                "profile",
                "Fill the freelancer profile and proofs",
                "Skills, a short bio and one proof link (a Loom or a case study): drafts are built from them.",
                "/Drafts/Profile",
                "drafts",
                profile
            ),
            new(
                "connect-api",
                "Connect the official API",
                "The marketplace must approve an API key for job search first; choose read-only scopes. "
                    + "UpworkAssist never "
                    + "submits proposals, sends messages, scrapes pages or stores a marketplace password.",
                "/Admin/Feed/Connection",
                "feed",
                connected
            ),
            new(
                "demo-off",
                "Switch the demo feed off",
                "With the API connected, set Upwork:Mode to Api (or set Upwork:ClientId) and restart; demo postings "
                    + "then stop arriving.",
                "/Help/feed",
                "feed",
                upwork.CurrentValue.EffectiveMode != FeedMode.Demo
            ),
        ];
        return steps.All(s => s.Done) ? [] : steps;
    }

    public async Task DismissAsync(AppUser admin)
    {
        if (!(await users.GetClaimsAsync(admin)).Any(c => c.Type == DismissedClaim))
        {
            await users.AddClaimAsync(admin, new Claim(DismissedClaim, "yes"));
        }
    }
}
