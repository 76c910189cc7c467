using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Features.Pipeline;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Stores;

/// <summary>
/// `store copy` from a lived-in SQLite store, read while its application runs, into a fresh
/// PostgreSQL database; then the application on PostgreSQL with the copied rows and key ring.
/// </summary>
public sealed class StoreCopyTests
{
    private const string Secret = "https://hooks.slack.com/services/T000/B000/copied-secret";

    [SkippableFact]
    public async Task A_live_sqlite_store_moves_to_postgres_with_its_users_rows_and_readable_secrets()
    {
        var target = PostgresServer.CreateDatabase();
        try
        {
            await using var sqlite = new TestApp();
            var (email, routeId) = await PopulateAsync(sqlite);
            var sourceCounts = await CountsAsync(sqlite);
            var source = $"Data Source={Path.Combine(sqlite.DataDirectory, "store.db")}";

            var progress = new StringWriter();
            var result = await new StoreCopy(progress).RunAsync(new StoreCopyRequest(source, target));

            Assert.True(result.Outcome == StoreCopyOutcome.Copied, result.Message + "\n" + progress);
            Assert.All(result.Tables, t => Assert.True(t.Matches, $"{t.Table}: {t.SourceRows}/{t.TargetRows}"));
            var copied = result.Tables.ToDictionary(t => t.Table, t => t.TargetRows);
            foreach (var (table, rows) in sourceCounts)
            {
                Assert.Equal(rows, copied[table]);
            }
            Assert.True(copied[StoreCopy.KeyRingTable] > 0);
            Assert.Contains(result.Tables, t => t.Table == "AspNetUserRoles" && t.TargetRows > 0);

            var again = await new StoreCopy(TextWriter.Null).RunAsync(new StoreCopyRequest(source, target));
            Assert.Equal(StoreCopyOutcome.Refused, again.Outcome);
            Assert.Contains("not empty", again.Message, StringComparison.Ordinal);

            await using var postgres = new TestApp(
                new() { ["Storage:Provider"] = "Postgres", ["ConnectionStrings:Default"] = target }
            );
            target = null;
            var browser = postgres.Browser();
            Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email, TestApp.Password)).StatusCode);
            var lanesPage = await browser.GetAsync("/Lanes");
            Assert.True(
                lanesPage.StatusCode == HttpStatusCode.OK,
                $"{lanesPage.StatusCode} {lanesPage.Headers.Location}\n{postgres.Logs.AllText()}"
            );
            var secret = await postgres.WithScopeAsync(async sp =>
                sp.GetRequiredService<RouteSecrets>()
                    .Unprotect(
                        (
                            await sp.GetRequiredService<AppDbContext>().AlertRoutes.SingleAsync(r => r.Id == routeId)
                        ).SecretProtected
                    )
            );
            Assert.Equal(Secret, secret);

            // Identities continue after the copied ids instead of colliding with them.
            await postgres.WithScopeAsync(async sp =>
            {
                await sp.GetRequiredService<AuditLog>().RecordAsync("test.after-copy");
                return true;
            });
            Assert.True(
                sourceCounts["AuditEvents"]
                    < await postgres.WithScopeAsync(sp =>
                        sp.GetRequiredService<AppDbContext>().AuditEvents.LongCountAsync()
                    )
            );
        }
        finally
        {
            if (target is not null)
                PostgresServer.DropDatabase(target);
        }
    }

    [Fact]
    public async Task A_missing_source_or_key_ring_is_refused_before_the_target_is_touched()
    {
        var missing = await new StoreCopy(TextWriter.Null).RunAsync(
            new StoreCopyRequest(
                Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("n"), "none.db"),
                "Host=127.0.0.1;Database=unused"
            )
        );
        Assert.Equal(StoreCopyOutcome.Refused, missing.Outcome);
        Assert.Contains("no SQLite store", missing.Message, StringComparison.Ordinal);

        await using var sqlite = new TestApp();
        await sqlite.Browser().GetAsync("/healthz");
        var noKeys = await new StoreCopy(TextWriter.Null).RunAsync(
            new StoreCopyRequest(
                Path.Combine(sqlite.DataDirectory, "store.db"),
                "Host=127.0.0.1;Database=unused",
                Path.Combine(sqlite.DataDirectory, "nokeys")
            )
        );
        Assert.Equal(StoreCopyOutcome.Refused, noKeys.Outcome);
        Assert.Contains("no key ring", noKeys.Message, StringComparison.Ordinal);
    }

    // The demo feed through the starter lanes, a known pipeline, a person with a role, an audit
    // event (the second is the sign-in below), and a Slack route whose webhook is encrypted.
    private static async Task<(string Email, long RouteId)> PopulateAsync(TestApp app)
    {
        var run = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<FeedPoller>().PollAsync("test", CancellationToken.None)
        );
        Assert.Equal(0, run.Errors);
        await new KnownPipeline().SeedAsync(app);
        await app.WithDbAsync(async db =>
        {
            // The known pipeline's lanes carry no rules; the lanes page reads them (as DailyUseApp does).
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
        var email = "mover@example.test";
        await app.CreateUserAsync(email, Roles.Lead);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().LoginAsync(email, TestApp.Password)).StatusCode);
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<AuditLog>().RecordAsync("test.before-copy");
            return true;
        });
        var routeId = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var route = new AlertRoute
            {
                LaneId = (await db.Lanes.OrderBy(l => l.Id).FirstAsync()).Id,
                Kind = RouteKind.Slack,
                SecretProtected = sp.GetRequiredService<RouteSecrets>().Protect(Secret),
                SecretHint = RouteSecrets.Hint(Secret),
                SlackTarget = RouteSecrets.SlackTarget(Secret, null),
                CreatedAt = app.Clock.GetUtcNow(),
            };
            db.AlertRoutes.Add(route);
            await db.SaveChangesAsync();
            return route.Id;
        });
        return (email, routeId);
    }

    private static Task<Dictionary<string, long>> CountsAsync(TestApp app) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var counts = new Dictionary<string, long>
            {
                ["AspNetUsers"] = await db.Users.LongCountAsync(),
                ["Postings"] = await db.Postings.LongCountAsync(),
                ["Matches"] = await db.Matches.LongCountAsync(),
                ["Lanes"] = await db.Lanes.LongCountAsync(),
                ["Proposals"] = await db.Proposals.LongCountAsync(),
                ["AuditEvents"] = await db.AuditEvents.LongCountAsync(),
                ["AlertRoutes"] = await db.AlertRoutes.LongCountAsync(),
            };
            Assert.All(counts, c => Assert.True(c.Value > 0, c.Key + " is empty"));
            return counts;
        });
}
