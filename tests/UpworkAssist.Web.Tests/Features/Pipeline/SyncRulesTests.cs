using System.Text.Json;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Tests.Features.Feed;

namespace UpworkAssist.Web.Tests.Features.Pipeline;

/// <summary>
/// The proposal sync's rules and reader on their own, without a store (docs/pipeline.md "Sync from the marketplace").
/// </summary>
public sealed class SyncRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Pending", false, ProposalStage.Sent)]
    [InlineData("Pending", true, ProposalStage.Viewed)]
    [InlineData("Activated", false, ProposalStage.Replied)]
    [InlineData("Offered", true, ProposalStage.Shortlisted)]
    [InlineData("Accepted", true, ProposalStage.Shortlisted)]
    [InlineData("Hired", true, ProposalStage.Hired)]
    [InlineData("Declined", true, ProposalStage.Lost)]
    [InlineData("Archived", false, ProposalStage.Lost)]
    [InlineData("Withdrawn", false, ProposalStage.Withdrawn)]
    [InlineData("SomethingNew", false, ProposalStage.Sent)]
    public void Every_status_maps_to_its_stage(string status, bool viewed, ProposalStage stage) =>
        Assert.Equal(stage, SyncRules.StageOf(status, viewed));

    [Fact]
    public void The_sync_moves_forward_only()
    {
        Assert.Equal(
            [ProposalStage.Replied],
            SyncRules.Moves(ProposalStage.Viewed, ProposalStage.Viewed, ProposalStage.Replied, true)
        );
        // A person already has it further along: a lesser fact moves nothing.
        Assert.Empty(SyncRules.Moves(ProposalStage.Interview, null, ProposalStage.Replied, true));
        Assert.Empty(SyncRules.Moves(ProposalStage.Replied, null, ProposalStage.Viewed, true));
        // Closed proposals are left to people.
        Assert.Empty(SyncRules.Moves(ProposalStage.Hired, null, ProposalStage.Lost, true));
        Assert.Empty(SyncRules.Moves(ProposalStage.Lost, ProposalStage.Lost, ProposalStage.Hired, true));
        // Ending an open proposal, with the view it had counted first.
        Assert.Equal(
            [ProposalStage.Viewed, ProposalStage.Lost],
            SyncRules.Moves(ProposalStage.Sent, null, ProposalStage.Lost, true)
        );
        Assert.Equal(
            [ProposalStage.Withdrawn],
            SyncRules.Moves(ProposalStage.Interview, null, ProposalStage.Withdrawn, true)
        );
    }

    [Fact]
    public void A_persons_later_edit_stands_until_the_marketplace_reports_something_new()
    {
        // The sync set Replied; a person corrected it back to Viewed. Same facts: nothing moves.
        Assert.Empty(SyncRules.Moves(ProposalStage.Viewed, ProposalStage.Replied, ProposalStage.Replied, true));
        // A person said Interview after the sync's Lost: the same Declined does not undo it.
        Assert.Empty(SyncRules.Moves(ProposalStage.Interview, ProposalStage.Lost, ProposalStage.Lost, true));
        // A new fact (an offer) moves it on.
        Assert.Equal(
            [ProposalStage.Shortlisted],
            SyncRules.Moves(ProposalStage.Viewed, ProposalStage.Replied, ProposalStage.Shortlisted, true)
        );
    }

    [Fact]
    public void Linking_prefers_the_mapped_sender_and_the_nearest_send()
    {
        LinkCandidate[] sameJob = [new(1, "alice", T0), new(2, "bob", T0.AddMinutes(5)), new(3, "bob", T0.AddHours(5))];
        Assert.Equal(2, SyncRules.Link(sameJob, "bob", T0.AddMinutes(6)));
        Assert.Equal(1, SyncRules.Link(sameJob, "alice", null));
        Assert.Null(SyncRules.Link(sameJob, "carol", T0));
        // An unmapped sender links only when one proposal waits for the job.
        Assert.Null(SyncRules.Link(sameJob, null, T0));
        Assert.Equal(3, SyncRules.Link([new(3, "bob", T0)], null, T0.AddDays(1)));
    }

    [Fact]
    public void A_fact_time_lies_between_the_send_and_now()
    {
        Assert.Equal(T0, SyncRules.FactTime(T0.AddHours(-1), T0, T0.AddDays(1)));
        Assert.Equal(T0.AddDays(1), SyncRules.FactTime(T0.AddDays(2), T0, T0.AddDays(1)));
        Assert.Equal(T0.AddHours(3), SyncRules.FactTime(T0.AddHours(3), T0, T0.AddDays(1)));
        Assert.Equal(T0.AddDays(1), SyncRules.FactTime(null, T0, T0.AddDays(1)));
    }

    [Fact]
    public void The_reader_takes_dates_as_strings_or_rawValue_and_tolerates_missing_fields()
    {
        var plain = Read(
            FakeVendorProposals.Node("p1", "1234", "Declined", T0, viewed: true, modified: T0.AddHours(2))
        );
        Assert.Equal(("p1", "1234", "Declined", true), (plain.Id, plain.JobId, plain.Status, plain.Viewed));
        Assert.Equal((T0, T0.AddHours(2)), (plain.CreatedAt, plain.ModifiedAt));
        Assert.Equal(("7", "Hired another freelancer"), (plain.ReasonId, plain.Reason));
        Assert.Equal(
            ("mp-user-1", "org-1", 45.00m, "USD"),
            (plain.UserId, plain.OrganizationId, plain.ChargeRate, plain.ChargeCurrency)
        );

        var wrapped = Read(FakeVendorProposals.Node("p2", "1234", "Pending", T0, wrapDates: true));
        Assert.Equal(T0, wrapped.CreatedAt);

        var bare = VendorProposals.Read(
            JsonDocument.Parse("""{"id":"p3","status":null,"terms":{}}""").RootElement,
            "Activated"
        );
        Assert.NotNull(bare);
        Assert.Equal(
            ("Activated", false, null, null, null),
            (bare.Status, bare.Viewed, bare.JobId, bare.CreatedAt, bare.ChargeRate)
        );
        Assert.Null(VendorProposals.Read(JsonDocument.Parse("""{"status":{"status":"Hired"}}""").RootElement, "Hired"));
    }

    [Fact]
    public void A_page_without_edges_or_pageInfo_is_not_a_page()
    {
        Assert.Null(
            VendorProposals.ReadPage(JsonDocument.Parse("""{"vendorProposals":null}""").RootElement, "Pending")
        );
        Assert.Null(
            VendorProposals.ReadPage(JsonDocument.Parse("""{"vendorProposals":{"edges":[]}}""").RootElement, "Pending")
        );
        var page = VendorProposals.ReadPage(
            JsonDocument
                .Parse(
                    """
                    {"vendorProposals":{"edges":[{"node":{"id":"a"}},{"node":{}}],
                     "pageInfo":{"hasNextPage":true,"endCursor":"p1"}}}
                    """
                )
                .RootElement,
            "Hired"
        );
        Assert.NotNull(page);
        Assert.Equal((1, true, "p1"), (page.Proposals.Count, page.HasNextPage, page.EndCursor));
    }

    [Fact]
    public void The_query_is_a_query_and_asks_for_no_job_content()
    {
        Assert.True(GraphQlDocument.IsQueryOnly(VendorProposals.Query, out _));
        Assert.DoesNotContain("content", VendorProposals.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("title", VendorProposals.Query, StringComparison.Ordinal);
        Assert.Equal(8, VendorProposals.Statuses.Count);
    }

    private static SyncedProposal Read(System.Text.Json.Nodes.JsonObject node) =>
        VendorProposals.Read(JsonDocument.Parse(node.ToJsonString()).RootElement, "Pending")!;
}
