using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Tests.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;
using static UpworkAssist.Web.Tests.Features.Feed.FakeVendorProposals;

namespace UpworkAssist.Web.Tests.Features.Pipeline;

/// <summary>
/// The proposal sync against the fake marketplace on the fake clock (docs/pipeline.md "Sync from the marketplace").
/// </summary>
public sealed class ProposalSyncTests : IAsyncLifetime
{
    private FeedHarness _h = null!;
    private string _alice = "";

    private FakeVendorProposals Marketplace => _h.Fake.VendorProposals;
    private DateTimeOffset Now => _h.App.Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        _h = await FeedHarness.StartAsync(new() { ["Upwork:AutoPoll"] = "false" });
        _alice = (await _h.App.CreateUserAsync("alice@example.test", "Freelancer")).Id;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Every_status_is_read_page_by_page_with_queries_only_and_kept_as_the_teams_record()
    {
        await MapAsync("mp-user-1", _alice);
        var t0 = Now; // the drive below moves the fake clock while the sync waits its turn
        string[] statuses =
        [
            "Pending",
            "Activated",
            "Offered",
            "Accepted",
            "Hired",
            "Declined",
            "Withdrawn",
            "Archived",
        ];
        foreach (var (status, i) in statuses.Select((s, i) => (s, i)))
        {
            Marketplace.Add(Node($"p{i}", $"{9000 + i}", status, t0.AddHours(-10 - i), viewed: status != "Pending"));
        }
        Marketplace.Add(
            Enumerable
                .Range(0, 4)
                .Select(i => Node($"q{i}", $"{9100 + i}", "Pending", t0.AddHours(-1 - i), wrapDates: i % 2 == 0))
                .ToArray()
        );

        var outcome = await SyncAsync();

        Assert.Null(outcome.Error);
        Assert.Equal((12, 12), (outcome.Seen, outcome.Outside));
        var asked = _h
            .Fake.GraphQlRequests.Where(r => r.Body.Contains("vendorProposals(", StringComparison.Ordinal))
            .ToList();
        Assert.All(
            _h.Fake.GraphQlRequests,
            r =>
                Assert.StartsWith(
                    "query",
                    JsonNode.Parse(r.Body)!["query"]!.GetValue<string>().TrimStart(),
                    StringComparison.Ordinal
                )
        );
        Assert.Equal(
            statuses.Order(),
            asked
                .Select(r => JsonNode.Parse(r.Body)!["variables"]!["filter"]!["status_eq"]!.GetValue<string>())
                .Distinct()
                .Order()
        );
        Assert.Equal(
            ["0", "p3"],
            asked.Where(r => r.Body.Contains("\"Pending\"", StringComparison.Ordinal)).Select(r => r.After)
        );

        var stages = await _h.WithAsync(sp =>
            sp.GetRequiredService<AppDbContext>()
                .Proposals.AsNoTracking()
                .Join(
                    sp.GetRequiredService<AppDbContext>().MarketplaceProposals,
                    p => p.Id,
                    m => m.ProposalId,
                    (p, m) =>
                        new
                        {
                            m.Id,
                            p.Stage,
                            p.Origin,
                            p.FreelancerId,
                            p.PostingTitle,
                        }
                )
                .ToDictionaryAsync(x => x.Id)
        );
        Assert.Equal(ProposalStage.Sent, stages["p0"].Stage);
        Assert.Equal(ProposalStage.Replied, stages["p1"].Stage);
        Assert.Equal(ProposalStage.Shortlisted, stages["p2"].Stage);
        Assert.Equal(ProposalStage.Shortlisted, stages["p3"].Stage);
        Assert.Equal(ProposalStage.Hired, stages["p4"].Stage);
        Assert.Equal(ProposalStage.Lost, stages["p5"].Stage);
        Assert.Equal(ProposalStage.Withdrawn, stages["p6"].Stage);
        Assert.Equal(ProposalStage.Lost, stages["p7"].Stage);
        Assert.All(
            stages.Values,
            s => Assert.Equal((ProposalOrigin.Outside, _alice, ""), (s.Origin, s.FreelancerId, s.PostingTitle))
        );
        var record = await _h.WithAsync(sp =>
            sp.GetRequiredService<AppDbContext>().MarketplaceProposals.AsNoTracking().SingleAsync(m => m.Id == "p5")
        );
        Assert.Equal(
            ("9005", "Hired another freelancer", "mp-user-1", "org-1", 45m),
            (record.JobId, record.Reason, record.UserId, record.OrganizationId, record.ChargeRate)
        );
        Assert.Equal(t0.AddHours(-15), record.CreatedAt);
    }

    [Fact]
    public async Task A_recorded_proposal_is_linked_by_job_and_sender_and_shows_the_link()
    {
        await MapAsync("mp-user-1", _alice);
        var id = await RecordAsync(_alice, "555", Now.AddMinutes(-30));
        Marketplace.Add(Node("p-555", "555", "Pending", Now.AddMinutes(-29), viewed: true));

        var outcome = await SyncAsync();

        Assert.Equal((1, 0), (outcome.Linked, outcome.Outside));
        var admin = await _h.App.SignedInAsync("Admin");
        var page = await admin.GetStringAsync($"/Pipeline/Edit?id={id}");
        Assert.Contains("proposal p-555, job 555", page, StringComparison.Ordinal);
        Assert.Contains("set by the sync", page, StringComparison.Ordinal);
        Assert.Contains(SyncApply.Actor, page, StringComparison.Ordinal);
        Assert.Equal(1, await _h.WithAsync(sp => sp.GetRequiredService<AppDbContext>().Proposals.CountAsync()));
    }

    [Fact]
    public async Task Stages_move_forward_only_and_a_persons_later_edit_is_kept()
    {
        await MapAsync("mp-user-1", _alice);
        var id = await RecordAsync(_alice, "777", Now.AddHours(-3));
        Marketplace.Add(Node("p-777", "777", "Pending", Now.AddHours(-3), viewed: true, modified: Now.AddHours(-1)));
        await SyncAsync();
        Assert.Equal((ProposalStage.Viewed, true), await StageAsync(id));

        // The person knows better: the client answered in chat. The same facts must not undo it.
        await _h.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await sp.GetRequiredService<ProposalStages>()
                .ChangeStageAsync(
                    await db.Proposals.SingleAsync(p => p.Id == id),
                    ProposalStage.Interview,
                    "call booked",
                    Principals.Of(_alice, "Freelancer"),
                    CancellationToken.None
                );
            return 0;
        });
        _h.App.Clock.Advance(TimeSpan.FromMinutes(20));
        await SyncAsync();
        Assert.Equal((ProposalStage.Interview, false), await StageAsync(id));

        // A lesser new fact (Activated → Replied) is behind Interview: still nothing moves.
        Marketplace.Update("p-777", n => n["status"]!["status"] = "Activated");
        await SyncAsync();
        Assert.Equal((ProposalStage.Interview, false), await StageAsync(id));

        // Hired is ahead: the sync moves it, in the history and the audit log as made by the sync.
        Marketplace.Update("p-777", n => n["status"]!["status"] = "Hired");
        await SyncAsync();
        Assert.Equal((ProposalStage.Hired, true), await StageAsync(id));
        var (changes, audits) = await _h.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (
                await db
                    .ProposalStageChanges.AsNoTracking()
                    .Where(c => c.ProposalId == id)
                    .OrderBy(c => c.Id)
                    .ToListAsync(),
                await db
                    .AuditEvents.AsNoTracking()
                    .Where(a => a.Action == "proposal.stage_changed")
                    .OrderBy(a => a.Id)
                    .ToListAsync()
            );
        });
        Assert.Equal(
            [(ProposalStage.Viewed, true), (ProposalStage.Interview, false), (ProposalStage.Hired, true)],
            changes.Select(c => (c.To, c.BySync))
        );
        Assert.Equal([true, false, true], audits.Select(a => a.ActorName == SyncApply.Actor));
    }

    [Fact]
    public async Task Outside_proposals_count_in_the_pace_and_in_compliance_and_an_unmapped_sender_waits_for_the_admin()
    {
        Marketplace.Add(
            Enumerable.Range(0, 3).Select(i => Node($"o{i}", $"{800 + i}", "Pending", Now.AddHours(-i))).ToArray()
        );
        var first = await SyncAsync();
        Assert.Equal(0, first.Outside); // nobody mapped yet: kept, attributed to nobody
        Assert.Equal(0, await PaceAsync());

        await MapAsync("mp-user-1", _alice);
        var second = await SyncAsync();
        Assert.Equal(3, second.Outside);
        Assert.Equal(3, await PaceAsync());
        var state = await _h.WithAsync(sp =>
            sp.GetRequiredService<ComplianceSignals>().MeasureAsync(CancellationToken.None)
        );
        var outside = state.Signals.Single(s => s.Key == "outside");
        Assert.Equal(Verdict.Amber, outside.Verdict);
        Assert.Matches("^in the last 7 days, per person: .+ 3$", outside.Measured);
    }

    [Fact]
    public async Task A_recorded_proposal_missing_from_the_marketplace_is_flagged_after_N_hours()
    {
        await RecordAsync(_alice, "404", Now.AddHours(-1));
        await SyncAsync();
        Assert.Equal(Verdict.Green, await SignalAsync("not-found"));
        _h.App.Clock.Advance(TimeSpan.FromHours(6));
        await SyncAsync();
        Assert.Equal(Verdict.Amber, await SignalAsync("not-found"));
    }

    [Fact]
    public async Task An_errors_reply_fails_the_sync_without_changes_and_429s_are_waited_out()
    {
        await MapAsync("mp-user-1", _alice);
        Marketplace.Add(Node("e1", "1", "Hired", Now.AddHours(-1)));
        _h.Fake.ThenStatus(
            200,
            """
            {"errors":[{"message":"No permission","extensions":{"classification":"PermissionDenied"}}],
             "data":{"vendorProposals":null}}
            """,
            "application/json"
        );
        var failed = await SyncAsync();
        Assert.Contains("No permission", failed.Error, StringComparison.Ordinal);
        Assert.Equal(
            0,
            await _h.WithAsync(sp => sp.GetRequiredService<AppDbContext>().MarketplaceProposals.CountAsync())
        );

        _h.Fake.ThenStatus(429, "", "application/json", ("Retry-After", "30"));
        _h.Fake.ThenStatus(429, "", "application/json", ("Retry-After", "30"));
        var ok = await SyncAsync();
        Assert.Null(ok.Error);
        Assert.Equal(1, ok.Outside);
    }

    [Fact]
    public async Task The_24_hour_purge_leaves_the_teams_records_and_no_job_content_is_kept()
    {
        await MapAsync("mp-user-1", _alice);
        Marketplace.Add(Node("k1", "4242", "Activated", Now.AddHours(-2)));
        await SyncAsync();
        _h.App.Clock.Advance(TimeSpan.FromHours(25));
        await _h.WithAsync(sp => sp.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None));
        var (records, proposal) = await _h.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (
                await db.MarketplaceProposals.AsNoTracking().ToListAsync(),
                await db.Proposals.AsNoTracking().SingleAsync()
            );
        });
        Assert.Equal(
            ("k1", "4242", "Activated"),
            (records.Single().Id, records.Single().JobId, records.Single().Status)
        );
        Assert.Equal(("", ProposalStage.Replied), (proposal.PostingTitle, proposal.Stage));
        Assert.DoesNotContain("content", _h.Fake.GraphQlRequests.Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schedule_runs_only_when_enabled_and_due()
    {
        Marketplace.Add(Node("s1", "1", "Pending", Now));
        Assert.False(
            (await _h.WithAsync(sp => sp.GetRequiredService<ProposalSync>().RunIfDueAsync(CancellationToken.None))).Ran
        );
        await _h.App.WithDbAsync(async db =>
        {
            db.ProposalSyncSettings.Add(new ProposalSyncSettings { Enabled = true, IntervalMinutes = 15 });
            await db.SaveChangesAsync();
        });
        Assert.True((await DueAsync()).Ran);
        _h.App.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.False((await DueAsync()).Ran);
        _h.App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await DueAsync()).Ran);
    }

    private Task<SyncOutcome> DueAsync() =>
        _h.DriveAsync(_h.WithAsync(sp => sp.GetRequiredService<ProposalSync>().RunIfDueAsync(CancellationToken.None)));

    private Task<SyncOutcome> SyncAsync() =>
        _h.DriveAsync(_h.WithAsync(sp => sp.GetRequiredService<ProposalSync>().RunAsync(null, CancellationToken.None)));

    private Task MapAsync(string marketplaceUser, string userId) =>
        _h.App.WithDbAsync(async db =>
        {
            var member =
                await db.MarketplaceMembers.FindAsync(marketplaceUser)
                ?? db.MarketplaceMembers.Add(
                    new MarketplaceMember { MarketplaceUserId = marketplaceUser, FirstSeenAt = Now }
                ).Entity;
            member.AppUserId = userId;
            await db.SaveChangesAsync();
        });

    private async Task<long> RecordAsync(string who, string jobId, DateTimeOffset sentAt)
    {
        var p = new Proposal
        {
            PostingId = "~0rec" + jobId,
            PostingTitle = "Recorded " + jobId,
            FreelancerId = who,
            MarketplaceJobId = jobId,
            SentAt = sentAt,
            UpdatedAt = sentAt,
        };
        await _h.App.WithDbAsync(async db =>
        {
            db.Proposals.Add(p);
            await db.SaveChangesAsync();
        });
        return p.Id;
    }

    private Task<(ProposalStage, bool)> StageAsync(long id) =>
        _h.WithAsync(async sp =>
        {
            var p = await sp.GetRequiredService<AppDbContext>().Proposals.AsNoTracking().SingleAsync(p => p.Id == id);
            return (p.Stage, p.StageFromSync);
        });

    private Task<int> PaceAsync() =>
        _h.WithAsync(async sp =>
            (await sp.GetRequiredService<PaceGuard>().StatusAsync(_alice, CancellationToken.None)).SentToday
        );

    private async Task<Verdict> SignalAsync(string key) =>
        (await _h.WithAsync(sp => sp.GetRequiredService<ComplianceSignals>().MeasureAsync(CancellationToken.None)))
            .Signals.Single(s => s.Key == key)
            .Verdict;
}
