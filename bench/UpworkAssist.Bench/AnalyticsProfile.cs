using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Analytics;
using UpworkAssist.Web.Features.Pipeline;

/// <summary>`analytics-profile <db>`: times the analytics report's parts in-process, one request at a time.</summary>
internal static class AnalyticsProfile
{
    public static async Task RunAsync(string path)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={path}").Options;
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "x"), new Claim(ClaimTypes.Role, "Manager")], "bench"));
        for (var round = 0; round < 8; round++)
        {
            await using var db = new AppDbContext(options);
            var watch = Stopwatch.StartNew();
            var choices = await FilterChoices.LoadAsync(db, user, CancellationToken.None);
            var t1 = watch.Elapsed.TotalMilliseconds;
            var report = new AnalyticsReport(db, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new AnalyticsOptions()),
                new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()));
            var r = await report.BuildAsync(new ProposalFilter(), user, choices, CancellationToken.None);
            var t2 = watch.Elapsed.TotalMilliseconds;
            var start = TimeProvider.System.GetUtcNow().AddDays(-89);
            var facts = await AnalyticsReport.Facts(db, db.Proposals.AsNoTracking().Where(p => p.SentAt >= start)).ToListAsync();
            var t3 = watch.Elapsed.TotalMilliseconds;
            ProposalMetrics.Summarize(facts);
            ProposalMetrics.By(facts, ProposalMetrics.WeekKey, k => k);
            ProposalMetrics.By(facts, f => f.FreelancerId, k => k);
            var t4 = watch.Elapsed.TotalMilliseconds;
            Console.WriteLine($"facts {t3 - t2:0.0} ms, 3 aggregations {t4 - t3:0.0} ms");
            Console.WriteLine($"choices {t1:0.0} ms, report {t2 - t1:0.0} ms ({r.Summary.Sent} proposals)");
        }
    }
}
