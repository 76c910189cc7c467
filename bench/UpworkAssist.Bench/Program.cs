using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

// Queue load-test store (docs/performance.md "Triage queue at 1M postings"): queue <db path> <postings> <matches>
if (args is ["queue", var queuePath, var postingCount, var matchCount])
{
    await UpworkAssist.Bench.QueueStoreGenerator.RunAsync(
        queuePath,
        int.Parse(postingCount, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(matchCount, System.Globalization.CultureInfo.InvariantCulture)
    );
    return;
}

// `pipeline <db path> [count] [manager password]`: the analytics benchmark's store (PipelineSeed.cs).
if (args.Length > 0 && args[0] == "pipeline")
{
    await PipelineSeed.RunAsync(
        args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "ua-pipeline.db"),
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
        args.Length > 3 ? args[3] : Environment.GetEnvironmentVariable("BENCH_PASSWORD") ?? "bench password 12345"
    );
    return;
}

if (args.Length > 1 && args[0] == "analytics-profile")
{
    await AnalyticsProfile.RunAsync(args[1]);
    return;
}

// Feed ingest benchmark: map + upsert 10,000 GraphQL nodes into a store already holding 100,000
// postings, through the product's own PostingMapper, PageReadAhead and PostingIngest.
// Usage: <db path> [existing] [batch]
// A first argument starting with "Host=" is an Npgsql connection string to an empty PostgreSQL
// database (bench/ingest-vs-sqlite3.sh with PROVIDER=postgres creates it); it is migrated first.
var path = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "ua-bench.db");
var existing = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
const int Measured = 10_000;
const int PageSize = 50;
var postgres = path.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);
Func<AppDbContext> newContext;
if (postgres)
{
    // The connection settings the application uses (auto-prepare, no reset on close).
    var pgOptions = new DbContextOptionsBuilder<PostgresAppDbContext>()
        .UseNpgsql(StorageSetup.WithStoreDefaults(path))
        .Options;
    newContext = () => new PostgresAppDbContext(pgOptions);
    await using var db = newContext();
    await db.Database.MigrateAsync();
}
else
{
    File.Delete(path);
    var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={path}").Options;
    newContext = () => new AppDbContext(options);
    await using var db = newContext();
    await db.Database.MigrateAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
}

// Nodes from the demo marketplace: realistic size and shape (HTML descriptions, client facts).
var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
var demo = new DemoMarketplace(clock);
var template = SearchPage.From(demo.Search("0", 200))!.Nodes;

// As the poller reads (FeedPoller): the next page is mapped (PageReadAhead) while the last one is
// stored. With `sequential`, one page after the other, for what the overlap is worth.
async Task<TimeSpan> IngestAsync(int count, string prefix, bool sequential = false)
{
    var watch = Stopwatch.StartNew();
    await using var db = newContext();
    var ingest = new PostingIngest(db, [], clock, NullLogger<PostingIngest>.Instance);
    Task<List<Posting>> MapAsync(int start)
    {
        var page = new List<Posting>(PageSize);
        for (var i = start; i < Math.Min(count, start + PageSize); i++)
        {
            var p = PostingMapper.Map(template[i % template.Count], FeedSource.Demo, clock.GetUtcNow());
            p.Id = $"{prefix}{i:D7}";
            page.Add(p);
        }
        return Task.FromResult(page);
    }
    if (sequential)
    {
        for (var start = 0; start < count; start += PageSize)
            await ingest.UpsertAsync(await MapAsync(start), CancellationToken.None);
        return watch.Elapsed;
    }
    var reading = new PageReadAhead<List<Posting>>(_ => MapAsync(0), CancellationToken.None);
    for (var start = 0; start < count; start += PageSize)
    {
        var page = await reading.Page;
        await reading.DisposeAsync();
        var next = start + PageSize;
        if (next < count)
            reading = new PageReadAhead<List<Posting>>(_ => MapAsync(next), CancellationToken.None);
        await ingest.UpsertAsync(page, CancellationToken.None);
    }
    return watch.Elapsed;
}

// Back to the seeded store between the timed parts, and on PostgreSQL vacuumed and analyzed, as the
// reference gets it (bench/ingest-vs-sqlite3.sh): no part runs into another's rows, or beside the
// autovacuum a part's inserts set off.
async Task ResetAsync(string? prefix)
{
    await using var db = newContext();
    if (prefix is not null)
#pragma warning disable EF1002 // a constant prefix of this program
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"Postings\" WHERE \"Id\" LIKE '{prefix}%'");
#pragma warning restore EF1002
    if (postgres)
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE \"Postings\"");
}

await IngestAsync(existing, "~0seed");
await ResetAsync(null);

// The mapping alone, the same nodes as the measured run: what of the ingest time is not the store's.
var mapping = Stopwatch.StartNew();
var mapped = 0;
for (var i = 0; i < Measured; i++)
{
    mapped +=
        PostingMapper.Map(template[i % template.Count], FeedSource.Demo, clock.GetUtcNow()).Title.Length > 0 ? 1 : 0;
}
mapping.Stop();

// The two ways take turns going first (INGEST_ROUND, set by the script), so neither always runs on a
// warmer process or a busier store.
var round = int.TryParse(Environment.GetEnvironmentVariable("INGEST_ROUND"), out var r) ? r : 1;
async Task<TimeSpan> OneByOneAsync()
{
    var t = await IngestAsync(Measured, "~0one", sequential: true);
    await ResetAsync("~0one");
    return t;
}
var oneByOne = round % 2 == 0 ? await OneByOneAsync() : TimeSpan.Zero;
var elapsed = await IngestAsync(Measured, "~0new");
var again = await IngestAsync(Measured, "~0new");
await ResetAsync("~0new");
if (round % 2 != 0)
    oneByOne = await OneByOneAsync();
Console.WriteLine(
    $"ingest: {Measured} postings (map + upsert, pages of {PageSize}, one transaction per page) into {existing} in "
        + $"{elapsed.TotalMilliseconds:0} ms = {Measured / elapsed.TotalSeconds:0} postings/s"
);
Console.WriteLine($"of which mapping: {mapped} nodes mapped alone in {mapping.Elapsed.TotalMilliseconds:0} ms");
Console.WriteLine(
    $"one page after the other ({(round % 2 == 0 ? "first" : "second")}): {Measured} postings in "
        + $"{oneByOne.TotalMilliseconds:0} ms = {Measured / oneByOne.TotalSeconds:0} postings/s"
);
Console.WriteLine(
    $"re-ingest unchanged: {Measured} postings in {again.TotalMilliseconds:0} ms = "
        + $"{Measured / again.TotalSeconds:0} postings/s"
);
