using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Drafts;

/// <summary>Autosave, versions, approval rules and the manual send, through the real pages and store.</summary>
public sealed class DraftFlowTests : IDisposable
{
    private const string Fixed =
        "Hi there, I fix Stripe webhook retries in ASP.NET Core APIs.\n\nThe idempotency key comes "
        + "first.\n\nhttps://www.loom.com/share/demo1\n\nAda";
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<JsonElement> AutosaveAsync(HttpClient browser, long id, string text, int version)
    {
        var response = await DraftsTestData.PostEditAsync(
            browser,
            id,
            "Autosave",
            ("Text", text),
            ("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        );
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Autosave_keeps_versions_and_the_edit_distance_answers_with_the_checklist_and_refuses_a_stale_tab()
    {
        var posting = await DraftsTestData.SeedPostingAsync(_app);
        var (browser, _) = await DraftsTestData.SignInAsync(_app);
        var id = await DraftsTestData.StartDraftAsync(_app, browser, posting.Id);
        var draft = await DraftsTestData.DraftAsync(_app, id);
        Assert.Equal("Template", draft.Drafter);

        var result = await AutosaveAsync(browser, id, Fixed, draft.Version);

        Assert.True(result.GetProperty("saved").GetBoolean());
        var expected = EditDistance.Between(draft.GeneratedText, Fixed);
        Assert.Equal(expected, result.GetProperty("editDistance").GetInt32());
        Assert.All(
            result.GetProperty("checks").EnumerateArray(),
            c => Assert.True(c.GetProperty("passed").GetBoolean(), c.ToString())
        );
        Assert.StartsWith(
            "Hi there, I fix Stripe",
            result.GetProperty("preview").GetString(),
            StringComparison.Ordinal
        );

        // A stale tab (old version) cannot overwrite the newer text.
        var stale = await DraftsTestData.PostEditAsync(
            browser,
            id,
            "Autosave",
            ("Text", "old tab"),
            ("Version", draft.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        await _app.WithDbAsync(async db =>
        {
            var versions = await db.DraftVersions.Where(v => v.DraftId == id).OrderBy(v => v.Number).ToListAsync();
            Assert.Equal([1, 2], versions.Select(v => v.Number));
            Assert.Equal(Fixed, versions[1].Text);
            Assert.Equal(expected, (await db.Drafts.SingleAsync(d => d.Id == id)).EditDistance);
            Assert.Contains(await db.AuditEvents.Select(a => a.Action).ToListAsync(), a => a == "draft.edited");
        });
    }

    [Fact]
    public async Task A_draft_failing_a_check_cannot_be_approved_and_the_typed_text_stays_on_the_page()
    {
        var posting = await DraftsTestData.SeedPostingAsync(_app);
        var (browser, _) = await DraftsTestData.SignInAsync(_app);
        var id = await DraftsTestData.StartDraftAsync(_app, browser, posting.Id);
        var bad = Fixed + "\nMail me at ada@example.com";

        var response = await DraftsTestData.ApproveAsync(_app, browser, id, bad);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Fix the checks first: No off-platform contact details.", html, StringComparison.Ordinal);
        Assert.Contains("ada@example.com", html, StringComparison.Ordinal);
        Assert.Equal(DraftStatus.Editing, (await DraftsTestData.DraftAsync(_app, id)).Status);
    }

    [Fact]
    public async Task Only_approved_drafts_can_be_copied_and_sent_and_sending_records_the_proposal_with_posting_facts()
    {
        var posting = await DraftsTestData.SeedPostingAsync(_app);
        var (browser, user) = await DraftsTestData.SignInAsync(_app);
        var id = await DraftsTestData.StartDraftAsync(_app, browser, posting.Id);

        Assert.Equal(HttpStatusCode.Conflict, (await DraftsTestData.PostEditAsync(browser, id, "Copied")).StatusCode);
        var early = await DraftsTestData.PostEditAsync(browser, id, "Sent", ("ConnectsSpent", "16"));
        Assert.Contains("Approve the draft first.", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var approve = await DraftsTestData.ApproveAsync(_app, browser, id, Fixed);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        var page = await browser.GetStringAsync($"/Drafts/Edit?id={id}");
        Assert.Contains("Copy text", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{posting.Url}\"", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await DraftsTestData.PostEditAsync(browser, id, "Copied")).StatusCode);
        _app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await DraftsTestData.PostEditAsync(browser, id, "Sent", ("ConnectsSpent", "16"))).StatusCode
        );

        await _app.WithDbAsync(async db =>
        {
            var p = await db.Proposals.SingleAsync();
            var d = await db.Drafts.SingleAsync(x => x.Id == id);
            Assert.Equal(
                (posting.Id, posting.Url, (long?)id, user.Id, "dotnet"),
                (p.PostingId, p.PostingUrl, p.DraftId, p.FreelancerId, p.LaneId)
            );
            Assert.Equal(
                (posting.Title, posting.PublishedAt, 7, 800m, PostingType.Fixed),
                (
                    p.PostingTitle,
                    p.PostingPublishedAt!.Value,
                    p.ApplicantsAtSend!.Value,
                    p.BudgetAtSend!.Value,
                    p.ContractType!.Value
                )
            );
            Assert.Equal(_app.Clock.GetUtcNow(), p.SentAt);
            Assert.Equal(ProposalStage.Sent, p.Stage);
            Assert.Equal(16, p.ConnectsSpent);
            Assert.Equal(Fixed, p.FinalText);
            Assert.Equal(EditDistance.Between(d.GeneratedText, Fixed), p.EditDistance);
            Assert.Equal(DraftStatus.Sent, d.Status);
            var actions = await db.AuditEvents.Where(a => a.ActorId == user.Id).Select(a => a.Action).ToListAsync();
            Assert.Subset(
                actions.ToHashSet(),
                new HashSet<string>
                {
                    "draft.generated",
                    "draft.edited",
                    "draft.approved",
                    "draft.copied",
                    "proposal.sent",
                }
            );
        });
        var again = await DraftsTestData.PostEditAsync(browser, id, "Sent");
        Assert.Contains("already recorded as sent", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lane_that_requires_a_lead_keeps_the_draft_unapproved_until_a_lead_approves()
    {
        var posting = await DraftsTestData.SeedPostingAsync(_app);
        var (lead, _) = await DraftsTestData.SignInAsync(_app, "Lead");
        var policy = await lead.SubmitToAsync(
            "/Drafts/Team",
            "/Drafts/Team?handler=LanePolicy&laneId=dotnet&requiresLead=true"
        );
        Assert.Equal(HttpStatusCode.Redirect, policy.StatusCode);
        var (freelancer, _) = await DraftsTestData.SignInAsync(_app);
        var (other, _) = await DraftsTestData.SignInAsync(_app, name: "other");
        var id = await DraftsTestData.StartDraftAsync(_app, freelancer, posting.Id);
        var draft = await DraftsTestData.DraftAsync(_app, id);
        Assert.True(draft.RequiresLeadApproval);

        // Another freelancer can neither see nor approve it.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Drafts/Edit?id={id}")).StatusCode);

        await DraftsTestData.ApproveAsync(_app, freelancer, id, Fixed);
        draft = await DraftsTestData.DraftAsync(_app, id);
        Assert.NotNull(draft.ApprovedAt);
        Assert.Equal(DraftStatus.Editing, draft.Status);
        Assert.DoesNotContain(
            "Copy text",
            await freelancer.GetStringAsync($"/Drafts/Edit?id={id}"),
            StringComparison.Ordinal
        );

        Assert.Equal(HttpStatusCode.Redirect, (await DraftsTestData.PostEditAsync(lead, id, "Approve")).StatusCode);
        draft = await DraftsTestData.DraftAsync(_app, id);
        Assert.Equal(DraftStatus.Approved, draft.Status);
        Assert.NotNull(draft.LeadApprovedById);
        Assert.Contains(
            "Copy text",
            await freelancer.GetStringAsync($"/Drafts/Edit?id={id}"),
            StringComparison.Ordinal
        );
        // The lead sees the draft but only its freelancer sends it.
        Assert.DoesNotContain(
            "Copy text",
            await lead.GetStringAsync($"/Drafts/Edit?id={id}"),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Editing_the_text_after_the_freelancer_approved_withdraws_the_approval_the_lead_has_not_yet_added()
    {
        var posting = await DraftsTestData.SeedPostingAsync(_app);
        await _app.WithDbAsync(async db =>
        {
            db.LaneDraftPolicies.Add(new LaneDraftPolicy { LaneId = "dotnet", RequiresLeadApproval = true });
            await db.SaveChangesAsync();
        });
        var (browser, _) = await DraftsTestData.SignInAsync(_app);
        var id = await DraftsTestData.StartDraftAsync(_app, browser, posting.Id);
        await DraftsTestData.ApproveAsync(_app, browser, id, Fixed);
        var approved = await DraftsTestData.DraftAsync(_app, id);
        Assert.NotNull(approved.ApprovedAt);
        Assert.Contains(
            "a lead&#x27;s approval is still needed",
            await browser.GetStringAsync($"/Drafts/Edit?id={id}"),
            StringComparison.Ordinal
        );

        await AutosaveAsync(browser, id, Fixed + "\nP.S. happy to start today.", approved.Version);

        Assert.Null((await DraftsTestData.DraftAsync(_app, id)).ApprovedAt);
    }

    [Fact]
    public async Task Freelancers_list_only_their_own_drafts_and_leads_list_all()
    {
        var posting = await DraftsTestData.SeedPostingAsync(_app);
        var (ada, _) = await DraftsTestData.SignInAsync(_app, name: "ada");
        var (bob, _) = await DraftsTestData.SignInAsync(_app, name: "bob");
        var (lead, _) = await DraftsTestData.SignInAsync(_app, "Lead");
        var id = await DraftsTestData.StartDraftAsync(_app, ada, posting.Id);

        Assert.Contains($"/Drafts/Edit?id={id}", await ada.GetStringAsync("/Drafts"), StringComparison.Ordinal);
        var bobs = await bob.GetStringAsync("/Drafts");
        Assert.DoesNotContain($"/Drafts/Edit?id={id}", bobs, StringComparison.Ordinal);
        // Ada's job is not Bob's: not listed for him, and neither the draft page nor the job opens.
        var newDraft = $"/Drafts/New?postingId={Uri.EscapeDataString(posting.Id)}";
        Assert.DoesNotContain(newDraft, bobs, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync(newDraft)).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await bob.GetAsync($"/Queue/Job/{Uri.EscapeDataString(posting.Id)}")).StatusCode
        );
        await DraftsTestData.AssignAsync(_app, bob, posting.Id);
        Assert.Contains(newDraft, await bob.GetStringAsync("/Drafts"), StringComparison.Ordinal);
        Assert.Contains($"/Drafts/Edit?id={id}", await lead.GetStringAsync("/Drafts"), StringComparison.Ordinal);
    }
}
