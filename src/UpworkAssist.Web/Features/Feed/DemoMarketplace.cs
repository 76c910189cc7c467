using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The demo feed: a marketplace that publishes realistic postings over time and answers
/// `marketplaceJobPostingsSearch` pages (newest first, opaque cursors) with GraphQL-shaped nodes,
/// so demo postings take the same mapping and upsert path as real ones. Each minute's postings
/// are derived from the minute itself, so the feed is the same across restarts and never repeats
/// an id. Only the last three hours are searchable.
/// </summary>
public sealed class DemoMarketplace(TimeProvider clock)
{
    public const string IdPrefix = DemoPostings.IdPrefix;

    /// <summary>
    /// Whether a posting (or a proposal's posting id) came from the demo feed: its ids and only its ids carry the
    /// prefix.
    /// </summary>
    public static bool IsDemo(string? postingId) => DemoPostings.IsDemo(postingId);

    private static readonly int[] PerMinuteWeights = [30, 35, 20, 10, 5]; // 0–4 postings, ~1.2 a minute

    // A fresh install catches up on the last three hours (about 220 postings) in its first poll.
    private const int WindowMinutes = 3 * 60;

    private readonly record struct Slot(long Minute, int Index, DateTimeOffset PublishedAt);

    public JsonElement Search(string after, int first)
    {
        var now = clock.GetUtcNow();
        var (fromMinute, fromIndex) = ParseCursor(after, now);
        var page = new List<Slot>();
        var hasNext = false;
        var lastMinute = Minute(now) - WindowMinutes;
        for (var m = fromMinute; m > lastMinute && !hasNext; m--)
        {
            foreach (
                var slot in SlotsOf(m).Where(s => s.PublishedAt <= now && (m != fromMinute || s.Index < fromIndex))
            )
            {
                if (page.Count == first)
                {
                    hasNext = true;
                    break;
                }
                page.Add(slot);
            }
        }
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("marketplaceJobPostingsSearch");
            writer.WriteNumber("totalCount", page.Count);
            writer.WriteStartArray("edges");
            foreach (var slot in page)
            {
                writer.WriteStartObject();
                writer.WriteString("cursor", Cursor(slot));
                writer.WritePropertyName("node");
                WriteNode(writer, slot);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartObject("pageInfo");
            writer.WriteBoolean("hasNextPage", hasNext);
            if (page.Count > 0)
            {
                writer.WriteString("endCursor", Cursor(page[^1]));
            }
            else
            {
                writer.WriteNull("endCursor");
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(json.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static long Minute(DateTimeOffset t) => t.ToUnixTimeSeconds() / 60;

    private static string Cursor(Slot s) => $"{s.Minute}.{s.Index}";

    private static (long Minute, int Index) ParseCursor(string after, DateTimeOffset now)
    {
        var parts = after.Split('.');
        return
            parts.Length == 2
            && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var m)
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var i)
            ? (m, i)
            : (Minute(now), int.MaxValue);
    }

    // Newest first within the minute.
    private static IEnumerable<Slot> SlotsOf(long minute)
    {
        var rng = new Random(unchecked((int)(minute * 2654435761L)));
        var count = Pick(rng, PerMinuteWeights);
        var seconds = Enumerable.Range(0, count).Select(_ => rng.Next(60)).Order().ToList();
        for (var i = count - 1; i >= 0; i--)
        {
            yield return new Slot(minute, i, DateTimeOffset.FromUnixTimeSeconds((minute * 60) + seconds[i]));
        }
    }

#pragma warning disable CA5394 // demo content, not security
    private static int Pick(Random rng, int[] weights)
    {
        var roll = rng.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    private static void WriteNode(Utf8JsonWriter w, Slot slot)
    {
        var rng = new Random(unchecked((int)((slot.Minute * 40503L) + (slot.Index * 7919L) + 17)));
        var areaIndex = DemoCatalog.AreaAt(rng.Next(DemoCatalog.TotalDemand));
        var area = DemoCatalog.Areas[areaIndex];
        var hourly = rng.NextDouble() < 0.45;
        var ciphertext = $"{IdPrefix}{slot.Minute:x}{slot.Index}";
        var thing = area.Things[rng.Next(area.Things.Length)];
        var title = $"{DemoCatalog.Verbs[rng.Next(DemoCatalog.Verbs.Length)]} {thing} ({area.Name})";

        w.WriteStartObject();
        w.WriteString(
            "id",
            (1_800_000_000_000_000_000L + (slot.Minute * 10) + slot.Index).ToString(CultureInfo.InvariantCulture)
        );
        w.WriteString("ciphertext", ciphertext);
        w.WriteString("title", title);
        w.WriteString("description", Description(rng, area, thing));
        var published = slot.PublishedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        w.WriteString("createdDateTime", published);
        w.WriteString("publishedDateTime", published);
        w.WriteString(
            "experienceLevel",
            Pick(rng, [25, 50, 25]) switch
            {
                0 => "ENTRY_LEVEL",
                1 => "INTERMEDIATE",
                _ => "EXPERT",
            }
        );
        w.WriteString("engagement", hourly ? "30+ hrs/week" : null);
        w.WriteNumber("totalApplicants", Math.Min(100, (int)Math.Round(Math.Exp(rng.NextDouble() * 4) - 1)));
        if (hourly)
        {
            var low = rng.Next(area.HourlyLow, area.HourlyHigh);
            var spread = rng.NextDouble() < 0.15 ? 0 : rng.Next(5, Math.Max(6, area.HourlyHigh - low + 10));
            Money(w, "amount", 0, rng);
            Money(w, "hourlyBudgetMin", low, rng);
            Money(w, "hourlyBudgetMax", rng.NextDouble() < 0.1 ? null : low + spread, rng);
        }
        else
        {
            // Log-uniform between the area's bounds: many small jobs, a few large ones.
            var budget = Math.Exp(
                Math.Log(area.FixedLow) + (rng.NextDouble() * (Math.Log(area.FixedHigh) - Math.Log(area.FixedLow)))
            );
            Money(w, "amount", Math.Round(budget / (budget > 1000 ? 100 : 5)) * (budget > 1000 ? 100 : 5), rng);
            w.WriteNull("hourlyBudgetMin");
            w.WriteNull("hourlyBudgetMax");
        }
        w.WriteStartArray("skills");
        foreach (var skill in area.Skills.OrderBy(_ => rng.Next()).Take(rng.Next(2, area.Skills.Length + 1)))
        {
            w.WriteStartObject();
            w.WriteString("name", skill.ToLowerInvariant().Replace(' ', '-'));
            w.WriteString("prettyName", skill);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("occupations");
        w.WriteStartObject("category");
        w.WriteString("id", (1000 + areaIndex).ToString(CultureInfo.InvariantCulture));
        w.WriteString("prefLabel", area.Category);
        w.WriteEndObject();
        w.WriteEndObject();
        WriteClient(w, rng);
        w.WriteEndObject();
    }

    private static void WriteClient(Utf8JsonWriter w, Random rng)
    {
        w.WriteStartObject("client");
        var newClient = rng.NextDouble() < 0.3;
        var hires = newClient ? 0 : (int)Math.Round(Math.Exp(rng.NextDouble() * 5));
        var reviews = newClient ? 0 : (int)(hires * (0.4 + (rng.NextDouble() * 0.5)));
        w.WriteNumber("totalHires", hires);
        w.WriteNumber("totalPostedJobs", hires + rng.Next(1, 10));
        w.WriteNumber("totalReviews", reviews);
        if (reviews > 0)
        {
            w.WriteNumber("totalFeedback", Math.Round(Math.Min(5, 3.4 + (rng.NextDouble() * 1.8)), 2));
        }
        else
        {
            w.WriteNull("totalFeedback");
        }
        var verification = rng.NextDouble();
        if (verification < 0.05)
        {
            w.WriteNull("verificationStatus");
        }
        else
        {
            w.WriteString("verificationStatus", verification < (newClient ? 0.55 : 0.85) ? "VERIFIED" : "NOT_VERIFIED");
        }
        Money(w, "totalSpent", newClient ? 0 : Math.Round(Math.Exp(4 + (rng.NextDouble() * 9))), rng);
        w.WriteStartObject("location");
        var roll = rng.Next(DemoCatalog.Countries.Sum(c => c.Weight));
        var country = DemoCatalog.Countries.First(c => (roll -= c.Weight) < 0).Country;
        w.WriteString("country", country);
        w.WriteNull("city");
        w.WriteNull("timezone");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // rawValue is a string in the schema and sometimes a number in practice: the demo sends both.
    private static void Money(Utf8JsonWriter w, string name, double? value, Random rng)
    {
        if (value is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        if (rng.NextDouble() < 0.7)
        {
            w.WriteString("rawValue", value.Value.ToString("0.0#", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNumber("rawValue", value.Value);
        }
        w.WriteString("currency", "USD");
        w.WriteString("displayValue", value.Value.ToString("$#,0.##", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private static string Description(Random rng, DemoCatalog.Area area, string thing)
    {
        var sb = new StringBuilder();
        sb.Append("<p>").Append(DemoCatalog.Openers[rng.Next(DemoCatalog.Openers.Length)]).Append("</p>");
        sb.Append("<p>We need a ")
            .Append(thing)
            .Append(" built with ")
            .Append(string.Join(", ", area.Skills.Take(3)))
            .Append(".</p>");
        sb.Append("<p><strong>Scope</strong></p><ul>");
        foreach (var detail in DemoCatalog.Details.OrderBy(_ => rng.Next()).Take(rng.Next(3, 7)))
        {
            sb.Append("<li>").Append(detail).Append("</li>");
        }
        sb.Append("</ul><p>")
            .Append(DemoCatalog.Asks[rng.Next(DemoCatalog.Asks.Length)])
            .Append("<br/>Thanks &amp; looking forward to working together!</p>");
        return sb.ToString();
    }
#pragma warning restore CA5394
}

/// <summary>The demo marketplace as a search source; its requests count against the same governor.</summary>
internal sealed class DemoJobSearch(
    DemoMarketplace marketplace,
    RateGovernor governor,
    FeedMonitor monitor,
    RequestLog requests
) : IJobSearchSource
{
    public FeedSource Source => FeedSource.Demo;

    public async Task<SearchPage> SearchAsync(FeedSearch search, string after, int first, CancellationToken ct)
    {
        await governor.WaitTurnAsync(ct);
        monitor.CountRequest();
        var page = SearchPage.From(marketplace.Search(after, first))!;
        await requests.RecordAsync(FeedSource.Demo, RequestOutcome.Ok, null, ct);
        return page;
    }
}
