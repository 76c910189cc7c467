using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Feed;

/// <summary>A plain application for the ingest half (xUnit fixtures need a single constructor).</summary>
public sealed class MapperIngestApp() : TestApp([]);

/// <summary>
/// The mapper against thousands of random nodes (<see cref="RandomNodes"/>, seeded so a failure
/// repeats): it never throws, and what it maps is storable text within the limits, and survives
/// the real ingest into SQLite unchanged.
/// </summary>
public sealed class PostingMapperPropertyTests(MapperIngestApp app) : IClassFixture<MapperIngestApp>
{
    private static readonly int[] Seeds = [15, 1015, 2026];
    private const int NodesPerSeed = 1500;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static IEnumerable<(
        int Seed,
        int Index,
        string Json,
        bool Mapped,
        Posting Posting,
        string Problem
    )> Attempts()
    {
        foreach (var seed in Seeds)
        {
            var nodes = new RandomNodes(seed);
            for (var i = 0; i < NodesPerSeed; i++)
            {
                var json = nodes.Node();
                using var doc = JsonDocument.Parse(json);
                bool ok;
                Posting posting;
                string problem;
                try
                {
                    ok = PostingMapper.TryMap(doc.RootElement, FeedSource.Api, Now, out posting, out problem);
                }
                catch (Exception ex)
                {
                    throw new InvalidOperationException(
                        $"TryMap threw on seed {seed}, node {i}: {json[..Math.Min(json.Length, 2000)]}",
                        ex
                    );
                }
                yield return (seed, i, json, ok, posting, problem);
            }
        }
    }

    [Fact]
    public void Any_node_maps_to_valid_text_within_the_limits_or_is_refused_with_a_reason_never_an_exception()
    {
        var (mapped, cut) = (0, 0);
        var failures = new List<string>();
        void Check(bool holds, string what, string where)
        {
            if (!holds)
            {
                failures.Add($"{what}; {where}");
            }
        }
        foreach (var (seed, index, json, ok, p, problem) in Attempts())
        {
            var where = $"seed {seed}, node {index}: {(json.Length > 600 ? json[..600] + "…" : json)}";
            if (!ok)
            {
                // The reason is logged: it must be text too.
                Check(
                    !string.IsNullOrWhiteSpace(problem) && Utf16.IsValid(problem),
                    "refused without a readable reason",
                    where
                );
                continue;
            }
            mapped++;
            cut += p.Description.Length >= PostingMapper.MaxDescriptionLength - 1 ? 1 : 0;
            foreach (var (name, text) in Texts(p))
            {
                Check(Utf16.IsValid(text), $"{name} is not valid UTF-16 or holds NUL", where);
            }
            Check(p.Title.Length <= 500, $"title of {p.Title.Length}", where);
            Check(
                p.Description.Length <= PostingMapper.MaxDescriptionLength,
                $"description of {p.Description.Length}",
                where
            );
            Check(p.Id.Length is > 0 and <= 64, "ciphertext length", where);
            Check(
                new[] { p.FixedBudget, p.HourlyMin, p.HourlyMax, p.Client.TotalSpent }.All(b => b is null or >= 0),
                "a negative budget",
                where
            );
            Check(
                p.TotalApplicants is null or >= 0
                    && p.Client.TotalHires is null or >= 0
                    && p.Client.ReviewsCount is null or >= 0,
                "a negative count",
                where
            );
            Check(p.Client.Rating is null or >= 0 and <= 5, "a rating outside 0..5", where);
        }
        Assert.True(
            failures.Count == 0,
            $"{failures.Count} failures, the first: \n" + string.Join("\n", failures.Take(8))
        );
        // Enough of them map, megabyte descriptions among them, for the properties to have been tested.
        Assert.InRange(mapped, Seeds.Length * NodesPerSeed / 10, Seeds.Length * NodesPerSeed);
        Assert.True(cut > 0, "no mapped description reached the length limit");
    }

    [Fact]
    public async Task Mapped_random_postings_are_stored_by_the_real_ingest_and_read_back_equal()
    {
        var postings = Attempts()
            .Where(m => m.Mapped)
            .Select(m => m.Posting)
            .DistinctBy(p => p.Id, StringComparer.Ordinal)
            .Take(400)
            .ToList();
        Assert.True(postings.Count >= 300, $"only {postings.Count} random nodes mapped");

        foreach (var batch in postings.Chunk(50))
        {
            var result = await app.WithScopeAsync(sp =>
                sp.GetRequiredService<PostingIngest>().UpsertAsync(batch, CancellationToken.None)
            );
            Assert.True(
                (batch.Length, 0) == (result.New, result.ListenerErrors),
                $"{result.New} of {batch.Length} new, {result.ListenerErrors} listener errors: "
                    + string.Join(
                        "\n",
                        app.Logs.Events.Where(e => e.Exception is not null)
                            .Select(e => e.Exception!.ToString()[..Math.Min(3000, e.Exception.ToString().Length)])
                    )
            );
        }

        // Stored values compare equal to what is bound again: a second ingest changes nothing.
        var again = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<PostingIngest>().UpsertAsync(postings, CancellationToken.None)
        );
        Assert.Equal((0, 0, postings.Count), (again.New, again.Updated, again.Unchanged));

        var ids = postings.Select(p => p.Id).ToList();
        var stored = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>()
                .Postings.AsNoTracking()
                .Where(p => ids.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, StringComparer.Ordinal)
        );
        Assert.Equal(postings.Count, stored.Count);
        foreach (var expected in postings)
        {
            var actual = stored[expected.Id];
            Assert.Equal(Comparable(expected), Comparable(actual));
            Assert.Equal(expected.Skills, actual.Skills);
        }
    }

    private static IEnumerable<(string Name, string Text)> Texts(Posting p)
    {
        yield return ("id", p.Id);
        yield return ("title", p.Title);
        yield return ("description", p.Description);
        foreach (
            var (name, text) in new[]
            {
                ("marketplace id", p.MarketplaceId),
                ("url", p.Url),
                ("experience", p.ExperienceLevel),
                ("category", p.Category),
                ("country", p.Client.Country),
            }
        )
        {
            if (text is not null)
            {
                yield return (name, text);
            }
        }
        foreach (var skill in p.Skills)
        {
            yield return ("skill", skill);
        }
    }

    // Money is stored as SQLite REAL (AppDbContext's convention), so it reads back as the double it was stored as.
    private static decimal? Stored(decimal? d) => d is { } v ? (decimal)(double)v : null;

    private static object Comparable(Posting p) =>
        new
        {
            p.Id,
            p.MarketplaceId,
            p.Url,
            p.Title,
            p.Description,
            p.PublishedAt,
            p.Type,
            FixedBudget = Stored(p.FixedBudget),
            HourlyMin = Stored(p.HourlyMin),
            HourlyMax = Stored(p.HourlyMax),
            p.ExperienceLevel,
            p.Category,
            p.TotalApplicants,
            p.Client.Country,
            p.Client.PaymentVerified,
            TotalSpent = Stored(p.Client.TotalSpent),
            p.Client.TotalHires,
            p.Client.Rating,
            p.Client.ReviewsCount,
            p.RenewedAt,
            p.FreelancersToHire,
            p.Enterprise,
            p.Applied,
            p.ClientMemberSince,
            p.ClientHasFinancialPrivacy,
            p.Source,
        };
}
