using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Tests.Features.Compliance;

/// <summary>
/// The reviewer's export: period boundaries, CSV quoting, the JSON document, roles, and the export's own audit row.
/// </summary>
public sealed class ExportTests(ComplianceApp app) : IClassFixture<ComplianceApp>
{
    private DateTimeOffset Now => app.Clock.GetUtcNow(); // 2026-11-28 09:00Z

    private async Task ArrangeAsync()
    {
        await app.WithDbAsync(async db =>
        {
            db.AuditEvents.AddRange(
                new AuditEvent
                {
                    At = new(2026, 10, 31, 23, 59, 59, TimeSpan.Zero),
                    ActorName = "before",
                    Action = "test.outside",
                },
                new AuditEvent
                {
                    At = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
                    ActorName = "sam",
                    Action = "test.first",
                    Details = "=HYPERLINK(\"http://evil\")",
                },
                new AuditEvent
                {
                    At = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero),
                    ActorName = "sam, jr",
                    Action = "test.second",
                    Details = "line one\nline \"two\"",
                },
                new AuditEvent
                {
                    At = new(2026, 11, 3, 0, 0, 0, TimeSpan.Zero),
                    ActorName = "after",
                    Action = "test.outside",
                }
            );
            db.MarketplaceRequestDays.Add(
                new MarketplaceRequestDay
                {
                    Day = new DateOnly(2026, 11, 2),
                    Requests = 120,
                    RateLimited = 1,
                    Errors = 2,
                }
            );
            await db.SaveChangesAsync();
        });
        var ann = (await app.CreateUserAsync($"ann-{Guid.NewGuid():n}@example.test", "Freelancer")).Id;
        await app.ProposalsAsync(ann, 3, new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero), editDistance: 0);
        await app.ProposalsAsync(ann, 1, new DateTimeOffset(2026, 11, 2, 11, 0, 0, TimeSpan.Zero), editDistance: 12);
    }

    [Fact]
    public async Task Csv_and_json_cover_exactly_the_period_and_the_export_is_audited()
    {
        await ArrangeAsync();
        var manager = await app.SignedInAsync("Manager");

        var audit = await manager.GetAsync("/Compliance/Export?handler=AuditCsv&From=2026-11-01&To=2026-11-02");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal("text/csv", audit.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "upworkassist-audit-log-2026-11-01_2026-11-02.csv",
            audit.Content.Headers.ContentDisposition?.FileNameStar ?? audit.Content.Headers.ContentDisposition?.FileName
        );
        var csv = await audit.Content.ReadAsStringAsync();
        Assert.StartsWith(
            "at_utc,actor,action,subject_type,subject_id,details,ip_address\n",
            csv,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("test.outside", csv, StringComparison.Ordinal);
        Assert.Contains(
            "2026-11-01T00:00:00Z,sam,test.first,,,\"'=HYPERLINK(\"\"http://evil\"\")\",",
            csv,
            StringComparison.Ordinal
        );
        Assert.Contains("\"sam, jr\",test.second,,,\"line one\nline \"\"two\"\"\"", csv, StringComparison.Ordinal);

        var daily = await manager.GetStringAsync("/Compliance/Export?handler=DailyCsv&From=2026-11-01&To=2026-11-02");
        var lines = daily.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("2026-11-01,0,0,0,0,0,0,0,0", lines[1]);
        Assert.Equal("2026-11-02,120,1,2,4,4,3,0,0", lines[2]);

        var json = await manager.GetAsync("/Compliance/Export?handler=Json&From=2026-11-01&To=2026-11-02");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        Assert.Equal("2026-11-01", root.GetProperty("from").GetString());
        Assert.Equal(2, root.GetProperty("auditLog").GetArrayLength());
        Assert.Equal(2, root.GetProperty("days").GetArrayLength());
        Assert.Contains(
            root.GetProperty("signals").EnumerateArray(),
            s =>
                s.GetProperty("key").GetString() == "pace"
                && s.GetProperty("verdict").GetString() is "Green" or "Amber" or "Red"
        );
        Assert.Contains(
            root.GetProperty("inventory").EnumerateArray(),
            t => t.GetProperty("name").GetString() == "UpworkAssist" && t.GetProperty("tag").GetString() == "Safe"
        );
        Assert.Equal(7, root.GetProperty("auditPlan").GetArrayLength());

        await app.WithDbAsync(async db =>
        {
            var exports = await db
                .AuditEvents.Where(a =>
                    a.Action == "compliance.exported" && a.Details!.StartsWith("2026-11-01_2026-11-02")
                )
                .OrderBy(a => a.Id)
                .Select(a => a.SubjectId)
                .ToListAsync();
            Assert.Equal(["audit-log", "daily", "json"], exports);
        });
    }

    [Fact]
    public async Task Only_admins_and_managers_export_and_a_reversed_or_too_long_period_is_refused()
    {
        var lead = await app.SignedInAsync("Lead");
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/Compliance/Export?handler=Json")).StatusCode);
        var freelancer = await app.SignedInAsync("Freelancer");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await freelancer.GetAsync("/Compliance/Export?handler=AuditCsv")).StatusCode
        );

        var admin = await app.SignedInAsync("Admin");
        var reversed = await admin.GetAsync("/Compliance/Export?handler=Json&From=2026-11-10&To=2026-11-01");
        Assert.Equal(HttpStatusCode.OK, reversed.StatusCode);
        Assert.Equal("text/html", reversed.Content.Headers.ContentType?.MediaType);
        Assert.Contains(
            "Choose a period of 1 to 366 days",
            await reversed.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        var tooLong = await admin.GetAsync("/Compliance/Export?handler=DailyCsv&From=2025-01-01&To=2026-11-01");
        Assert.Equal("text/html", tooLong.Content.Headers.ContentType?.MediaType);
        var defaults = await admin.GetAsync("/Compliance/Export?handler=DailyCsv");
        // header + the last 90 days
        Assert.Equal(91, (await defaults.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n').Length);
    }
}
