using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Analytics;
using UpworkAssist.Web.Features.Pipeline;

/// <summary>
/// `analytics-profile <db>`: times the analytics report's parts in-process, one request at a time,
/// 40 rounds; prints the median of the last 30 (after the tiered JIT has optimised the code).
/// </summary>
internal static class AnalyticsProfile
{
    public static async Task RunAsync(string path)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={path}").Options;
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "x"), new Claim(ClaimTypes.Role, "Manager")], "bench"));
        var times = new Dictionary<string, List<double>>();
        void Add(string part, double ms) => (times.TryGetValue(part, out var l) ? l : times[part] = []).Add(ms);
        var sent = 0;
        var snapshot = new FactsSnapshot();
        for (var round = 0; round < 40; round++)
        {
            await using var db = new AppDbContext(options);
            var watch = Stopwatch.StartNew();
            var choices = await FilterChoices.LoadAsync(db, user, CancellationToken.None);
            var t1 = watch.Elapsed.TotalMilliseconds;
            var report = new AnalyticsReport(db, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new AnalyticsOptions()),
                new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()), snapshot);
            var r = await report.BuildAsync(new ProposalFilter(), user, choices, CancellationToken.None);
            var t2 = watch.Elapsed.TotalMilliseconds;
            var start = TimeProvider.System.GetUtcNow().AddDays(-89);
            await AnalyticsReport.Facts(db, db.Proposals.AsNoTracking().Where(p => p.SentAt >= start)).ToListAsync();
            var t3 = watch.Elapsed.TotalMilliseconds;
            var facts = await AnalyticsReport.Facts(db, db.Proposals.AsNoTracking().Where(p => p.SentAt >= start)).ToListAsync();
            var t4 = watch.Elapsed.TotalMilliseconds;
            ProposalMetrics.Summarize(facts);
            var t5 = watch.Elapsed.TotalMilliseconds;
            if (round < 10) continue;
            (sent, _) = (r.Summary.Sent, 0);
            Add("filter choices", t1);
            Add("whole report (BuildAsync)", t2 - t1);
            Add("facts of the window (first read)", t3 - t2);
            Add("facts of the window (second read)", t4 - t3);
            Add("one Summarize over the window", t5 - t4);
        }
        Console.WriteLine($"{sent} proposals in the 90-day window; median of 30 rounds:");
        foreach (var (part, list) in times)
        {
            list.Sort();
            Console.WriteLine($"  {part}: {list[list.Count / 2]:0.0} ms");
        }
    }
}
