using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Tests.Features.Analytics;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Pipeline;

public sealed class PipelinePagesTests : IAsyncLifetime, IDisposable
{
    private readonly TestApp _app = new();
    private readonly KnownPipeline _data = new();

    public Task InitializeAsync() => _data.SeedAsync(_app);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private async Task<HttpClient> AsAsync(string email)
    {
        var browser = _app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email, TestApp.Password)).StatusCode);
        return browser;
    }

    private static Task<HttpResponseMessage> MoveAsync(
        HttpClient browser,
        long id,
        string stage,
        string note = "",
        string returnUrl = ""
    ) =>
        browser.SubmitToAsync(
            $"/Pipeline/Edit?id={id}",
            $"/Pipeline/Edit?id={id}&handler=Stage",
            ("Stage.To", stage),
            ("Stage.Note", note),
            ("ReturnUrl", returnUrl)
        );

    public static TheoryData<string, string> Formulas() =>
        new()
        {
            { "=1+1", "'=1+1" },
            { "x;=1+1", "x;'=1+1" },
            { "x, +cmd|' /C calc'!A0", "x, '+cmd|' /C calc'!A0" },
            { "ok; @SUM(A1); -2", "ok; '@SUM(A1); '-2" },
            { "\t=1", "'\t=1" },
            { "a,\r=1", "a,'\r=1" },
            { "plain text, no formula", "plain text, no formula" },
        };

    [Theory]
    [MemberData(nameof(Formulas))]
    public async Task Every_cell_and_every_separated_part_of_it_that_starts_like_a_formula_is_defused_in_the_csv(
        string title,
        string expected
    )
    {
        await _app.WithDbAsync(async db =>
        {
            await db
                .Proposals.Where(p => p.Id == _data.Ids[0])
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.PostingTitle, title));
        });
        var manager = await _app.SignedInAsync("Manager");
        var rows = Csv.Parse(await manager.GetStringAsync("/Pipeline?handler=Csv"));
        Assert.Contains(rows, r => r["title"] == expected);
        Assert.DoesNotContain(rows, r => r["title"] == title && title != expected);
    }

    [Fact]
    public async Task The_freelancer_moves_their_proposal_and_the_change_is_timestamped_kept_rolled_up_and_audited()
    {
        var alice = await AsAsync("alice@example.test");
        var id = _data.Ids[4]; // #5, still at Sent
        _app.Clock.Advance(TimeSpan.FromHours(3));
        var response = await MoveAsync(alice, id, "Replied", "Asked for a call", "/Pipeline?view=table");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Pipeline?view=table", response.Location());

        _app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(alice, id, "Lost")).StatusCode);

        await _app.WithDbAsync(async db =>
        {
            var changes = await db.ProposalStageChanges.Where(c => c.ProposalId == id).OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(
                [(ProposalStage.Sent, ProposalStage.Replied), (ProposalStage.Replied, ProposalStage.Lost)],
                changes.Select(c => (c.From, c.To))
            );
            Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), changes[0].At);
            Assert.Equal(_data.Alice, changes[0].ById);
            Assert.Equal("Asked for a call", changes[0].Note);
            var proposal = await db.Proposals.SingleAsync(p => p.Id == id);
            Assert.Equal(ProposalStage.Lost, proposal.Stage);
            // Lost keeps the reply it had: the proposal still counts as replied, not as shortlisted.
            var progress = await db.ProposalProgress.SingleAsync(p => p.ProposalId == id);
            Assert.Equal(changes[0].At, progress.RepliedAt);
            Assert.Equal(changes[0].At, progress.ViewedAt);
            Assert.Null(progress.InterviewAt);
            var audit = await db
                .AuditEvents.Where(a => a.Action == AuditActions.ProposalStageChanged && a.SubjectId == id.ToString())
                .OrderBy(a => a.Id)
                .ToListAsync();
            Assert.Equal(["Sent → Replied: Asked for a call", "Replied → Lost"], audit.Select(a => a.Details));
        });

        var page = WebUtility.HtmlDecode(await alice.GetStringAsync($"/Pipeline/Edit?id={id}"));
        Assert.Contains("Asked for a call", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_back_along_the_path_corrects_the_later_milestones()
    {
        var lead = await _app.SignedInAsync("Lead");
        var id = _data.Ids[5]; // #6, Shortlisted by Bob: a Lead may move anyone's proposal
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await MoveAsync(lead, id, "Replied", "Was not an interview")).StatusCode
        );
        await _app.WithDbAsync(async db =>
        {
            var progress = await db.ProposalProgress.SingleAsync(p => p.ProposalId == id);
            Assert.NotNull(progress.RepliedAt);
            Assert.Null(progress.InterviewAt);
        });
        // Same stage again is refused with a message, and nothing is recorded.
        var again = await MoveAsync(lead, id, "Replied");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already at Replied", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await _app.WithDbAsync(async db =>
            Assert.Equal(1, await db.ProposalStageChanges.CountAsync(c => c.ProposalId == id))
        );
    }

    [Fact]
    public async Task Managers_read_but_do_not_edit_and_freelancers_cannot_see_each_others_proposals()
    {
        var manager = await _app.SignedInAsync("Manager");
        var html = await manager.GetStringAsync($"/Pipeline/Edit?id={_data.Ids[0]}");
        Assert.DoesNotContain("data-testid=\"stage-edit\"", html, StringComparison.Ordinal);
        var token = await manager.AntiforgeryTokenAsync("/Pipeline");
        var post = await manager.PostAsync(
            $"/Pipeline/Edit?id={_data.Ids[0]}&handler=Stage",
            new FormUrlEncodedContent([new("Stage.To", "Lost"), new("__RequestVerificationToken", token)])
        );
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        var alice = await AsAsync("alice@example.test");
        var bobs = _data.Ids[5];
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/Pipeline/Edit?id={bobs}")).StatusCode);
        var aliceToken = await alice.AntiforgeryTokenAsync("/Pipeline");
        var attempt = await alice.PostAsync(
            $"/Pipeline/Edit?id={bobs}&handler=Stage",
            new FormUrlEncodedContent([new("Stage.To", "Lost"), new("__RequestVerificationToken", aliceToken)])
        );
        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        await _app.WithDbAsync(async db =>
            Assert.Equal(ProposalStage.Shortlisted, (await db.Proposals.SingleAsync(p => p.Id == bobs)).Stage)
        );
    }

    [Fact]
    public async Task Contract_type_value_and_revenue_are_edited_validated_and_audited()
    {
        var alice = await AsAsync("alice@example.test");
        var id = _data.Ids[0];
        var bad = await alice.SubmitToAsync(
            $"/Pipeline/Edit?id={id}",
            $"/Pipeline/Edit?id={id}&handler=Contract",
            ("Contract.Type", "Hourly"),
            ("Contract.Value", "-5"),
            ("Contract.Revenue", "")
        );
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Enter an amount from 0.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ok = await alice.SubmitToAsync(
            $"/Pipeline/Edit?id={id}",
            $"/Pipeline/Edit?id={id}&handler=Contract",
            ("Contract.Type", "Hourly"),
            ("Contract.Value", "2500"),
            ("Contract.Revenue", "1750.5")
        );
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        await _app.WithDbAsync(async db =>
        {
            var p = await db.Proposals.SingleAsync(x => x.Id == id);
            Assert.Equal(
                (PostingType.Hourly, 2500m, 1750.5m),
                (p.ContractType!.Value, p.ContractValue!.Value, p.RevenueEarned!.Value)
            );
            var audit = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.ProposalContractUpdated);
            Assert.Equal("type Fixed, value -, revenue 1000 → type Hourly, value 2500, revenue 1750.5", audit.Details);
        });
    }

    [Fact]
    public async Task The_board_and_the_table_filter_by_lane_person_template_and_period_and_export_csv()
    {
        var manager = await _app.SignedInAsync("Manager");
        var board = await manager.GetStringAsync("/Pipeline");
        Assert.Equal(10, CountOf(board, "data-testid=\"card\""));
        Assert.Equal(6, CountOf(await manager.GetStringAsync("/Pipeline?lane=k-dotnet"), "data-testid=\"card\""));
        Assert.Equal(
            5,
            CountOf(await manager.GetStringAsync($"/Pipeline?view=table&person={_data.Alice}"), "<tr data-id=")
        );
        Assert.Equal(2, CountOf(await manager.GetStringAsync("/Pipeline?view=table&template=none"), "<tr data-id="));
        Assert.Equal(
            4,
            CountOf(await manager.GetStringAsync("/Pipeline?view=table&from=2026-11-26&to=2026-11-27"), "<tr data-id=")
        );
        // A Manager sees no stage forms: reading only.
        Assert.Equal(0, CountOf(board, "data-testid=\"stage-form\""));

        var csv = Csv.Parse(await manager.GetStringAsync("/Pipeline?handler=Csv&lane=k-react"));
        Assert.Equal(4, csv.Count);
        Assert.All(csv, r => Assert.Equal("k-react", r["lane"]));
        var hired = Assert.Single(csv, r => r["stage"] == "Hired");
        Assert.Equal(
            ("bob", "3000", "2026-11-25T09:00:00Z", "2026-11-25T19:00:00Z"),
            (hired["person"], hired["revenue_earned"], hired["sent_at"], hired["replied_at"])
        );

        var alice = await AsAsync("alice@example.test");
        var own = await alice.GetStringAsync("/Pipeline");
        Assert.Equal(5, CountOf(own, "data-testid=\"card\""));
        Assert.Equal(5, CountOf(own, "data-testid=\"stage-form\""));
        Assert.Equal(5, Csv.Parse(await alice.GetStringAsync("/Pipeline?handler=Csv")).Count);
    }

    [Fact]
    public async Task The_api_pages_proposals_with_their_milestones_and_the_same_visibility()
    {
        var manager = await _app.SignedInAsync("Manager");
        var first = await manager.GetFromJsonAsync<JsonElement>("/api/v1/proposals?limit=4");
        Assert.Equal(4, first.GetProperty("items").GetArrayLength());
        var next = first.GetProperty("next").GetString();
        var ids = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        while (next is not null)
        {
            var page = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/proposals?limit=4&after={next}");
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            next = page.GetProperty("next").GetString();
        }
        Assert.Equal(_data.Ids, ids);

        var hired = await manager.GetFromJsonAsync<JsonElement>("/api/v1/proposals?stage=hired&laneId=k-dotnet");
        var item = Assert.Single(hired.GetProperty("items").EnumerateArray());
        Assert.Equal("Hired", item.GetProperty("stage").GetString());
        Assert.Equal(
            DateTimeOffset.Parse("2026-11-27T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            item.GetProperty("repliedAt").GetDateTimeOffset()
        );
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/v1/proposals?stage=Maybe")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/v1/proposals?after=x")).StatusCode);

        var alice = await AsAsync("alice@example.test");
        var mine = await alice.GetFromJsonAsync<JsonElement>("/api/v1/proposals");
        Assert.Equal(5, mine.GetProperty("items").GetArrayLength());
        Assert.All(
            mine.GetProperty("items").EnumerateArray(),
            i => Assert.Equal(_data.Alice, i.GetProperty("freelancerId").GetString())
        );
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (
            var i = text.IndexOf(what, StringComparison.Ordinal);
            i >= 0;
            i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)
        )
        {
            count++;
        }
        return count;
    }
}
