using System.Globalization;
using System.Text;
using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Lanes;

namespace UpworkAssist.Benchmarks;

/// <summary>
/// A deterministic synthetic corpus shaped like the RULES.md speed test: jobs with 60–260-word
/// descriptions and lanes of 200 negative and 20 include keywords each. Keywords mix real
/// technology terms (with punctuation such as "c#" and "node.js"), made-up words and phrases;
/// descriptions are mostly filler words with a keyword now and then, so matches do happen.
/// </summary>
public sealed class CorpusGenerator(int seed = 42)
{
    private static readonly string[] Filler = """
        the a an and or but with for to of in on at by from we you our your this that these those is are be will
        need needs looking build built help new existing project team company client work working experience
        years strong skills good great able must should would like want app application website site web mobile
        data system platform service services api feature features fix fixes bug bugs update updates improve
        performance design page pages user users customer customers product products business small large long
        short term contract hourly fixed price budget deadline week weeks month months day days time quality code
        clean tested testing test review support maintain maintenance integrate integration database server cloud
        deploy deployment simple complex fast quickly asap please apply proposal cover letter portfolio previous
        similar examples communication english timezone available part full remote ongoing future opportunity
        start immediately candidate developer engineer designer expert freelancer agency startup enterprise
        dashboard report reports admin panel login payment payments checkout store shop order orders email
        notification notifications upload download file files image images video search filter list table chart
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    private static readonly string[] TechTerms =
    [
        "c#",
        ".net",
        "asp.net",
        "asp.net core",
        "blazor",
        "entity framework",
        "azure",
        "sql server",
        "react",
        "react native",
        "node.js",
        "typescript",
        "javascript",
        "java",
        "spring boot",
        "kotlin",
        "swift",
        "ios",
        "android",
        "flutter",
        "python",
        "django",
        "flask",
        "fastapi",
        "go",
        "golang",
        "rust",
        "c++",
        "c",
        "r",
        "php",
        "laravel",
        "wordpress",
        "shopify",
        "woocommerce",
        "magento",
        "vue",
        "angular",
        "svelte",
        "next.js",
        "nuxt",
        "graphql",
        "rest",
        "grpc",
        "docker",
        "kubernetes",
        "aws",
        "gcp",
        "terraform",
        "ansible",
        "linux",
        "postgresql",
        "mysql",
        "mongodb",
        "redis",
        "elasticsearch",
        "kafka",
        "rabbitmq",
        "figma",
        "photoshop",
        "illustrator",
        "ui/ux",
        "seo",
        "copywriting",
        "data entry",
        "virtual assistant",
        "excel",
        "power bi",
        "tableau",
        "machine learning",
        "pytorch",
        "tensorflow",
        "openai",
        "chatgpt",
        "scraping",
        "selenium",
        "playwright",
        "unity",
        "unreal",
        "3d modeling",
        "blockchain",
        "solidity",
        "web3",
        "nft",
        "crypto",
        "zapier",
        "airtable",
        "bubble",
        "webflow",
        "wix",
        "squarespace",
        "hubspot",
        "salesforce",
        "sap",
        "odoo",
        "xamarin",
        "maui",
        "wpf",
        "winforms",
        "devops",
        "ci/cd",
        "github actions",
    ];

    private static readonly string[] Syllables =
    [
        "ka",
        "lo",
        "mi",
        "ra",
        "ven",
        "tor",
        "qua",
        "zel",
        "bri",
        "dox",
        "fen",
        "gri",
        "hul",
        "jas",
        "mor",
        "nex",
        "pol",
        "sty",
        "tru",
        "vax",
    ];

    private static readonly string[] Countries =
    [
        "United States",
        "United Kingdom",
        "Canada",
        "Germany",
        "India",
        "Australia",
        "France",
        "Brazil",
    ];

    private readonly Random _random = new(seed);

    public (List<LaneDefinition> Lanes, List<Job> Jobs) Generate(
        int jobCount,
        int laneCount = 20,
        int negativePerLane = 200,
        int includePerLane = 20
    )
    {
        List<string> pool = KeywordPool(3000);
        var lanes = new List<LaneDefinition>();
        for (int i = 0; i < laneCount; i++)
        {
            lanes.Add(
                new LaneDefinition
                {
                    Id = $"lane-{i:00}",
                    Name = $"LaneDefinition {i}",
                    JobTypes = i % 3 == 0 ? [JobType.Fixed] : [],
                    MinFixedBudget = i % 2 == 0 ? 200 + (i * 50) : null,
                    MinHourlyRate = i % 4 == 1 ? 25 + i : null,
                    AllowUnknownBudget = i % 5 == 0,
                    SkillsAny = i % 3 == 1 ? [.. Pick(TechTerms, 3)] : [],
                    IncludeKeywords = [.. Pick(pool, includePerLane)],
                    NegativeKeywords = [.. Pick(pool, negativePerLane)],
                    RequirePaymentVerified = i % 4 == 2,
                    MinClientSpent = i % 6 == 3 ? 1000 : null,
                    CountriesExclude = i % 7 == 4 ? ["India"] : [],
                    MaxAgeMinutes = i % 8 == 5 ? 1440 : null,
                }
            );
        }

        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var jobs = new List<Job>(jobCount);
        for (int i = 0; i < jobCount; i++)
        {
            bool isFixed = _random.Next(2) == 0;
            jobs.Add(
                new Job
                {
                    Id = $"~0{i:x6}",
                    Title = Sentence(pool, _random.Next(4, 11), keywordShare: 0.2),
                    Description = Sentence(pool, _random.Next(60, 261), keywordShare: 0.04),
                    Url = $"https://www.upwork.com/jobs/~0{i:x6}",
                    PublishedAt = start.AddMinutes(_random.Next(0, 60 * 24 * 27)),
                    Type = isFixed ? JobType.Fixed : JobType.Hourly,
                    FixedBudget = isFixed && _random.Next(5) > 0 ? _random.Next(50, 5000) : null,
                    HourlyMin = !isFixed && _random.Next(5) > 0 ? _random.Next(10, 60) : null,
                    HourlyMax = !isFixed && _random.Next(3) > 0 ? _random.Next(60, 150) : null,
                    ExperienceLevel = (ExperienceLevel)_random.Next(3),
                    Skills = [.. Pick(TechTerms, _random.Next(0, 7))],
                    Category = "Web, Mobile & Software Dev",
                    TotalApplicants = _random.Next(0, 80),
                    Client = new JobClient
                    {
                        Country = Countries[_random.Next(Countries.Length)],
                        PaymentVerified = _random.Next(4) > 0,
                        TotalSpent = _random.Next(0, 100_000),
                        TotalHires = _random.Next(0, 100),
                        Rating = Math.Round((decimal)(_random.NextDouble() * 5), 1),
                        ReviewsCount = _random.Next(0, 60),
                    },
                }
            );
        }

        return (lanes, jobs);
    }

    /// <summary>
    /// Writes lanes.json, jobs.json, KEYWORDS (the union of all lanes' keywords) and TEXTS (title, description, skills;
    /// one job a line).
    /// </summary>
    public static void WriteCorpus(string directory, List<LaneDefinition> lanes, List<Job> jobs)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "lanes.json"), LaneJson.Serialize(lanes));
        File.WriteAllText(Path.Combine(directory, "jobs.json"), JobJson.Serialize(jobs, indented: false));
        IEnumerable<string> keywords = lanes
            .SelectMany(static lane => lane.IncludeKeywords.Concat(lane.NegativeKeywords))
            .Distinct(StringComparer.Ordinal);
        File.WriteAllLines(Path.Combine(directory, "KEYWORDS"), keywords);
        using var texts = new StreamWriter(Path.Combine(directory, "TEXTS"), append: false, new UTF8Encoding(false));
        foreach (Job job in jobs)
        {
            texts.Write(job.Title);
            texts.Write(' ');
            texts.Write(job.Description);
            texts.Write(' ');
            texts.WriteLine(string.Join(' ', job.Skills));
        }
    }

    private List<string> KeywordPool(int size)
    {
        var pool = new HashSet<string>(TechTerms, StringComparer.Ordinal);
        while (pool.Count < size)
        {
            string word = MadeUpWord();
            pool.Add(_random.Next(6) == 0 ? $"{word} {MadeUpWord()}" : word);
        }

        return [.. pool];
    }

    private string MadeUpWord()
    {
        var word = new StringBuilder();
        for (int n = _random.Next(2, 4); n > 0; n--)
        {
            word.Append(Syllables[_random.Next(Syllables.Length)]);
        }

        return word.ToString();
    }

    private string Sentence(List<string> pool, int words, double keywordShare)
    {
        var text = new StringBuilder();
        for (int i = 0; i < words; i++)
        {
            string word =
                _random.NextDouble() < keywordShare
                    ? pool[_random.Next(pool.Count)]
                    : Filler[_random.Next(Filler.Length)];
            if (i > 0)
            {
                text.Append(
                    _random.Next(12) == 0 ? ", "
                    : _random.Next(15) == 0 ? ". "
                    : " "
                );
            }

            text.Append(_random.Next(8) == 0 ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(word) : word);
        }

        return text.Append('.').ToString();
    }

    private IEnumerable<string> Pick(IReadOnlyList<string> from, int count) =>
        Enumerable.Range(0, count).Select(_ => from[_random.Next(from.Count)]).Distinct(StringComparer.Ordinal);
}
