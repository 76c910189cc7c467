using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Analytics;
using UpworkAssist.Web.Features.Pipeline;

/// <summary>
/// `analytics-profile <db>`: times the analytics report in-process, one build at a time, each for
/// a 90-day period no earlier build used (so nothing is cached but the facts snapshot, as for the
/// first view of a period). 200 rounds; prints the median and p95 of the last 100, after the tiered
/// JIT has optimised the code. For reference, the same period's facts read from SQLite with the
/// covering index (how reports were built before the snapshot).
/// </summary>
internal static class AnalyticsProfile
{
    private static readonly int Rounds =
        int.TryParse(Environment.GetEnvironmentVariable("ROUNDS"), out var n) && n > 100 ? n : 200;

    public static async Task RunAsync(string path)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={path}").Options;
        var user = new ClaimsPrincipal(
            new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, "x"), new Claim(ClaimTypes.Role, "Manager")],
                "bench"
            )
        );
        var snapshot = new FactsSnapshot();
        var storeCache = new StoreCache(new StoreWrites(), TimeProvider.System);
        var cache = new Microsoft.Extensions.Caching.Memory.MemoryCache(
            new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()
        );
        var settings = Microsoft.Extensions.Options.Options.Create(new AnalyticsOptions());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (build, bytes, read, load) = (new List<double>(), new List<double>(), new List<double>(), 0.0);
        var sent = 0;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        await using (var db = new AppDbContext(options))
        {
            var watch = Stopwatch.StartNew();
            await snapshot.GetAsync(db, CancellationToken.None);
            load = watch.Elapsed.TotalMilliseconds;
        }
        var held = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        long snapshotCount;
        await using (var db = new AppDbContext(options))
            snapshotCount = (await snapshot.GetAsync(db, CancellationToken.None)).Facts.Count;
        // A refresh after a write lays the whole table out again: time that alone.
        var rebuild = new List<double>();
        await using (var db = new AppDbContext(options))
        {
            var facts = (await snapshot.GetAsync(db, CancellationToken.None)).Facts.ToArray();
            for (var round = 0; round < 10; round++)
            {
                var watch = Stopwatch.StartNew();
                _ = new FactTable([.. facts]);
                rebuild.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        for (var round = 0; round < Rounds; round++)
        {
            await using var db = new AppDbContext(options);
            var choices = await FilterChoices.LoadAsync(
                db,
                new UpworkAssist.Web.Features.Drafts.DraftTemplateNames(db),
                user,
                CancellationToken.None
            );
            var filter = new ProposalFilter(From: today.AddDays(-89 - round % 30), To: today.AddDays(-round % 30));
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var report = await new AnalyticsReport(
                db,
                TimeProvider.System,
                settings,
                cache,
                snapshot,
                storeCache
            ).BuildAsync(filter, user, choices, ReportDetail.Page, CancellationToken.None);
            if (round >= Rounds - 100)
            {
                build.Add(watch.Elapsed.TotalMilliseconds);
                bytes.Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0);
            }
            sent = report.Summary.Sent;
        }
        for (var round = 0; round < 20; round++)
        {
            await using var db = new AppDbContext(options);
            var start = TimeProvider.System.GetUtcNow().AddDays(-89 - round);
            var watch = Stopwatch.StartNew();
            await AnalyticsReport
                .Facts(db, db.Proposals.AsNoTracking().Where(p => p.SentAt >= start && p.SentAt < start.AddDays(90)))
                .ToListAsync();
            if (round >= 10)
                read.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"about {sent} proposals per 90-day period");
        Console.WriteLine(
            $"  facts snapshot, first load: {load:0} ms; holds {held / 1048576.0:0} MB "
                + $"({held / Math.Max(1, snapshotCount):0} bytes per proposal)"
        );
        Console.WriteLine($"  fact table laid out again (after a write): {Stats(rebuild)} (10 rounds)");
        Console.WriteLine($"  whole report from the snapshot: {Stats(build)} (last 100 of {Rounds} builds)");
        bytes.Sort();
        Console.WriteLine($"  allocated per build: median {bytes[bytes.Count / 2]:0} KB");
        Console.WriteLine($"  reference, a period's facts read from SQLite: {Stats(read)} (last 10 of 20 reads)");
    }

    private static string Stats(List<double> times)
    {
        times.Sort();
        return $"median {times[times.Count / 2]:0.0} ms, p95 {times[(int)(times.Count * 0.95)]:0.0} ms";
    }
}
