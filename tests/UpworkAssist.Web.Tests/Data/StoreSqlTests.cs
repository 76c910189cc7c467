using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Analytics;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Features.Queue;
using UpworkAssist.Web.Tests.Features.Queue;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Stores;

/// <summary>
/// Every hand-written SQL site on each provider (docs/architecture.md "Store"): the ingest upsert,
/// the queue statement, lane labels, the analytics data version, the retention purge and the
/// request log's day counters, with the values whose representation differs (bools, lists, days).
/// </summary>
public sealed class StoreSqlTests
{
    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task The_ingest_upsert_inserts_new_updates_changed_keeps_fetched_at_and_leaves_purged_and_unchanged(
        string provider
    )
    {
        await using var app = TestApp.On(provider);
        var t0 = app.Clock.GetUtcNow();
        Posting Job(string id, string title, bool? verified = true) =>
            new()
            {
                Id = id,
                Title = title,
                Description = "Scope.",
                PublishedAt = t0.AddMinutes(-5),
                Type = PostingType.Hourly,
                HourlyMin = 40,
                HourlyMax = null,
                Skills = ["C#", "Blazor"],
                Client = new ClientFacts("Canada", verified, 1200.5m, 3, null, 2),
                Enterprise = false,
                Applied = null,
                RenewedAt = null,
                Source = FeedSource.Api,
            };
        Task<PostingIngest.Result> Ingest(params Posting[] jobs) =>
            app.WithScopeAsync(sp => sp.GetRequiredService<PostingIngest>().UpsertAsync(jobs, CancellationToken.None));

        Assert.Equal(
            new PostingIngest.Result(3, 0, 0, 0),
            await Ingest(Job("~a", "A"), Job("~b", "B"), Job("~c", "C"))
        );
        await app.WithDbAsync(db =>
            db.Postings.Where(p => p.Id == "~c").ExecuteUpdateAsync(s => s.SetProperty(p => p.ContentPurgedAt, t0))
        );

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var changed = Job("~b", "B", verified: null);
        changed.Skills = ["C#"];
        // A posting without skills after ones with skills: on PostgreSQL each takes its slice of the page's skills.
        var noSkills = Job("~d", "D");
        noSkills.Skills = [];
        var result = await Ingest(Job("~a", "A"), changed, Job("~c", "C changed"), noSkills);
        Assert.Equal(new PostingIngest.Result(1, 1, 2, 0), result);

        await app.WithDbAsync(async db =>
        {
            var stored = await db.Postings.AsNoTracking().OrderBy(p => p.Id).ToDictionaryAsync(p => p.Id);
            Assert.Equal((t0, t0), (stored["~a"].FetchedAt, stored["~a"].UpdatedAt));
            Assert.Equal((t0, t0.AddMinutes(1)), (stored["~b"].FetchedAt, stored["~b"].UpdatedAt));
            Assert.Equal(["C#"], stored["~b"].Skills);
            Assert.Null(stored["~b"].Client.PaymentVerified);
            Assert.Equal(["C#", "Blazor"], stored["~a"].Skills);
            Assert.Equal(
                (true, false, (bool?)null),
                (stored["~a"].Client.PaymentVerified, stored["~a"].Enterprise, stored["~a"].Applied)
            );
            Assert.Equal(1200.5m, stored["~a"].Client.TotalSpent);
            Assert.Equal("C", stored["~c"].Title);
            Assert.Equal(t0.AddMinutes(1), stored["~d"].FetchedAt);
            Assert.Empty(stored["~d"].Skills);
        });
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Every_column_the_upsert_writes_reads_back_as_it_was_given(string provider)
    {
        await using var app = TestApp.On(provider);
        var t0 = app.Clock.GetUtcNow();
        // Every field set, each to a value no other field has, so a value bound to the wrong column shows.
        var posting = new Posting
        {
            Id = "~every",
            MarketplaceId = "1789",
            Url = "https://www.upwork.com/jobs/~every",
            Title = "Every column",
            Description = "Line one.\n\nLine two: “quoted”, naïve.",
            PublishedAt = t0.AddMinutes(-7),
            Type = PostingType.Hourly,
            FixedBudget = 1.25m,
            HourlyMin = 35.5m,
            HourlyMax = 80.75m,
            ExperienceLevel = "expert",
            Skills = ["C#", "PostgreSQL", "SQLite"],
            Category = "Web Development",
            TotalApplicants = 11,
            Client = new ClientFacts("Norway", false, 98765.43m, 13, 4.85, 17),
            RenewedAt = t0.AddMinutes(-3),
            FreelancersToHire = 2,
            Enterprise = true,
            Applied = false,
            ClientMemberSince = t0.AddDays(-900),
            ClientHasFinancialPrivacy = true,
            Source = FeedSource.Api,
        };
        var result = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<PostingIngest>().UpsertAsync([posting], CancellationToken.None)
        );
        Assert.Equal(new PostingIngest.Result(1, 0, 0, 0), result);
        var stored = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Postings.AsNoTracking().SingleAsync(p => p.Id == "~every")
        );
        Assert.Equal((t0, t0), (stored.FetchedAt, stored.UpdatedAt));
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(posting),
            System.Text.Json.JsonSerializer.Serialize(stored)
        );
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task The_queue_statement_reads_flags_lists_and_other_lanes_and_applies_every_filter(string provider)
    {
        await using var app = TestApp.On(provider);
        var now = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            db.Lanes.AddRange(
                new Lane
                {
                    Id = "q-one",
                    Name = "One \"quoted\"",
                    CreatedAt = now,
                    UpdatedAt = now,
                },
                new Lane
                {
                    Id = "q-two",
                    Name = "Two",
                    CreatedAt = now,
                    UpdatedAt = now,
                }
            );
            await db.SaveChangesAsync();
        });
        var open = QueueSeed.Posting(app, "~open", "Open job", budget: 500);
        open.Applied = false;
        open.FreelancersToHire = 2;
        var closed = QueueSeed.Posting(app, "~closed", "Filled job", budget: 5000, verified: false);
        closed.FreelancersToHire = 0;
        closed.ContentPurgedAt = now;
        var ids = await QueueSeed.MatchesAsync(app, "q-one", open, closed);
        await QueueSeed.MatchesAsync(app, "q-two", open);

        Task<QueuePage> Page(QueueFilter filter) =>
            app.WithScopeAsync(sp =>
                sp.GetRequiredService<QueueQuery>()
                    .PageAsync(filter, new QueueScope("nobody", false), CancellationToken.None)
            );

        var row = Assert.Single((await Page(new QueueFilter { Lane = "q-one", Verified = true })).Rows);
        Assert.Equal((ids[0], "Open job", "One \"quoted\""), (row.Id, row.Title, row.LaneName));
        Assert.Equal((true, false, 2), (row.Client.PaymentVerified, row.Facts.Applied, row.Facts.FreelancersToHire));
        Assert.False(row.Expired);
        Assert.Equal(["api"], row.Keywords);
        Assert.Equal([("q-two", "Two")], row.OtherLanes);

        var filled = Assert.Single((await Page(new QueueFilter { Lane = "q-one", BudgetMin = 1000 })).Rows);
        Assert.Equal((ids[1], true, (bool?)false), (filled.Id, filled.Expired, filled.Client.PaymentVerified));
        Assert.Empty(filled.OtherLanes);
        Assert.Equal(
            [ids[0]],
            (await Page(new QueueFilter { Lane = "q-one", HideClosed = true })).Rows.Select(r => r.Id)
        );

        // Keyset paging: after the newest row (the filled job, matched last) comes the older one.
        var after = new QueueCursor(filled.MatchedAt.UtcTicks, filled.Id).ToString();
        Assert.Equal([ids[0]], (await Page(new QueueFilter { Lane = "q-one", After = after })).Rows.Select(r => r.Id));

        // PostgreSQL: the statement's generic-plan setting ends with it. The pool does not reset a
        // connection it takes back, so a setting that outlived the statement would reach every
        // later statement on that connection (held open here, so the check runs on the same one).
        if (provider == "Postgres")
        {
            var settings = await app.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<AppDbContext>();
                await db.Database.OpenConnectionAsync();
                await sp.GetRequiredService<QueueQuery>()
                    .PageAsync(new QueueFilter { Lane = "q-one" }, new QueueScope("nobody", false), default);
                return await db
                    .Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"")
                    .ToListAsync();
            });
            Assert.Equal(["auto"], settings);
        }
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Lane_labels_count_each_days_triage(string provider)
    {
        await using var app = TestApp.On(provider);
        var now = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            db.Lanes.Add(
                new Lane
                {
                    Id = "ll",
                    Name = "Labels",
                    CreatedAt = now,
                    UpdatedAt = now,
                }
            );
            db.Postings.AddRange(
                QueueSeed.Posting(app, "~ll1", "Job"),
                QueueSeed.Posting(app, "~ll2", "Job"),
                QueueSeed.Posting(app, "~ll3", "Job")
            );
            db.Matches.AddRange(
                new Match
                {
                    PostingId = "~ll1",
                    LaneId = "ll",
                    MatchedAt = now,
                    Status = MatchStatus.Shortlisted,
                },
                new Match
                {
                    PostingId = "~ll2",
                    LaneId = "ll",
                    MatchedAt = now,
                    Status = MatchStatus.Dismissed,
                },
                new Match
                {
                    PostingId = "~ll3",
                    LaneId = "ll",
                    MatchedAt = now.AddDays(-1),
                    Status = MatchStatus.Assigned,
                }
            );
            await db.SaveChangesAsync();
        });
        var labels = await app.WithScopeAsync(sp =>
            LaneLabels.ReadAsync(sp.GetRequiredService<AppDbContext>(), CancellationToken.None)
        );
        Assert.Equal(new LaneLabels.Counts(3, 2, 1), labels.For("ll", null, null)["ll"]);
        Assert.Equal(
            new LaneLabels.Counts(2, 1, 1),
            labels.For("ll", new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), null)["ll"]
        );
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task The_facts_snapshot_sees_a_write_made_under_a_clock_behind_the_last_one(string provider)
    {
        await using var app = TestApp.On(provider);
        var user = await app.CreateUserAsync("facts@example.test", "Admin");
        var now = app.Clock.GetUtcNow();
        long id = 0;
        await app.WithDbAsync(async db =>
        {
            // Written by an instance whose clock is an hour ahead of this one.
            var proposal = new Proposal
            {
                PostingId = "~gone",
                FreelancerId = user.Id,
                SentAt = now,
                UpdatedAt = now.AddHours(1),
            };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            id = proposal.Id;
        });
        var snapshot = app.Services.GetRequiredService<FactsSnapshot>();
        Task<FactTable> Facts() =>
            app.WithScopeAsync(sp => snapshot.GetAsync(sp.GetRequiredService<AppDbContext>(), CancellationToken.None));
        Assert.Null(Assert.Single((await Facts()).Facts).RevenueEarned);

        // This instance, an hour behind, records the revenue.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var proposal = await db.Proposals.SingleAsync(p => p.Id == id);
            await sp.GetRequiredService<ProposalStages>()
                .UpdateContractAsync(
                    proposal,
                    PostingType.Fixed,
                    900,
                    900,
                    Principals.Of(user.Id, "Admin"),
                    CancellationToken.None
                );
            return true;
        });
        Assert.Equal(900m, Assert.Single((await Facts()).Facts).RevenueEarned);
        var version = await app.WithScopeAsync(sp =>
            FactsSnapshot.VersionAsync(sp.GetRequiredService<AppDbContext>(), CancellationToken.None)
        );
        Assert.Equal((id, (long?)null), (version.MaxId, version.MaxChange));
        Assert.True(version.Updated > now.AddHours(1));
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Retention_deletes_what_nobody_acted_on_and_strips_the_rest(string provider)
    {
        await using var app = TestApp.On(provider);
        var now = app.Clock.GetUtcNow();
        var kept = QueueSeed.Posting(app, "~kept", "Acted on");
        kept.ActedOnAt = now;
        await app.WithDbAsync(async db =>
        {
            db.Postings.AddRange(QueueSeed.Posting(app, "~gone", "Nobody"), kept);
            await db.SaveChangesAsync();
        });
        app.Clock.Advance(TimeSpan.FromDays(1));
        var result = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None)
        );
        Assert.Equal(new RetentionPurge.Result(1, 1), result);
        await app.WithDbAsync(async db =>
        {
            var left = await db.Postings.AsNoTracking().SingleAsync();
            Assert.Equal(("~kept", "", (bool?)null), (left.Id, left.Title, left.Client.PaymentVerified));
            Assert.Empty(left.Skills);
            Assert.Equal(app.Clock.GetUtcNow(), left.ContentPurgedAt);
        });
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task The_request_log_counts_each_day_in_one_row(string provider)
    {
        await using var app = TestApp.On(provider);
        Task Record(RequestOutcome outcome, string? detail = null) =>
            app.WithScopeAsync(async sp =>
            {
                await sp.GetRequiredService<RequestLog>()
                    .RecordAsync(FeedSource.Api, outcome, detail, CancellationToken.None);
                return true;
            });
        await Record(RequestOutcome.Ok);
        await Record(RequestOutcome.RateLimited);
        await Record(RequestOutcome.Error, new string('x', 600));
        var day = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().MarketplaceRequestDays.AsNoTracking().SingleAsync()
        );
        Assert.Equal(
            (DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), 3, 1, 1),
            (day.Day, day.Requests, day.RateLimited, day.Errors)
        );
        Assert.DoesNotContain("Could not record", app.Logs.AllText(), StringComparison.Ordinal);
    }
}
