namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The demo marketplace's vocabulary: skill areas (DemoCatalog.Areas.cs) with how often each posts,
/// client countries, and the phrases descriptions are made of.
/// </summary>
internal static partial class DemoCatalog
{
    /// <summary>
    /// How often each area posts, relative to an area not named here (1). Web and product work
    /// dominate the marketplace's development categories, so a demo feed that treats a logo
    /// contest like a React dashboard shows an agency's lanes an unrealistically empty queue.
    /// </summary>
    private static readonly Dictionary<string, int> Demand = new(StringComparer.Ordinal)
    {
        ["React"] = 9,
        ["ASP.NET Core"] = 8,
        ["UI/UX Design"] = 8,
        ["Node.js"] = 3,
        ["Angular"] = 3,
        ["Vue"] = 2,
        ["WordPress"] = 3,
        ["Shopify"] = 2,
        ["Django"] = 2,
        ["Laravel"] = 2,
        ["LLM Apps"] = 3,
        ["React Native"] = 2,
        ["Flutter"] = 2,
    };

    private static readonly int[] CumulativeDemand = Cumulative(Areas.Select(a => Demand.GetValueOrDefault(a.Name, 1)));

    private static int[] Cumulative(IEnumerable<int> weights)
    {
        var sum = 0;
        return [.. weights.Select(w => sum += w)];
    }

    public static int TotalDemand => CumulativeDemand[^1];

    /// <summary>The area a roll in [0, <see cref="TotalDemand"/>) falls on.</summary>
    public static int AreaAt(int roll)
    {
        var index = Array.BinarySearch(CumulativeDemand, roll + 1);
        return index >= 0 ? index : ~index;
    }

    public static readonly (string Country, int Weight)[] Countries =
    [
        ("United States", 40),
        ("United Kingdom", 9),
        ("Canada", 7),
        ("Australia", 6),
        ("Germany", 5),
        ("Netherlands", 3),
        ("France", 3),
        ("Israel", 3),
        ("United Arab Emirates", 3),
        ("India", 4),
        ("Singapore", 2),
        ("Switzerland", 2),
        ("Sweden", 2),
        ("Spain", 2),
        ("Ireland", 2),
        ("Brazil", 1),
        ("Japan", 1),
        ("Pakistan", 1),
        ("Nigeria", 1),
        ("New Zealand", 1),
    ];

    public static readonly string[] Verbs =
    [
        "Build",
        "Need help with",
        "Looking for an expert for",
        "Improve our",
        "Fix and extend",
        "Long-term partner for",
        "Redesign",
        "Maintain",
    ];

    public static readonly string[] Openers =
    [
        "We are a small &amp; growing team and need someone who can own this end to end.",
        "Our company sells B2B software to mid-sized logistics firms &ndash; we need extra hands for a few weeks.",
        "I&#39;m a solo founder with a working prototype and paying users; it&#39;s time to make it solid.",
        "We&rsquo;re an agency with a client deadline and are looking for a reliable specialist.",
        "Hello! This is a well-scoped project with clear requirements and quick feedback from me.",
    ];

    public static readonly string[] Details =
    [
        "The current code base is about two years old, has tests for the critical paths, and deploys from CI.",
        "You will work with our product manager and one in-house developer; we meet twice a week.",
        "Please look at the attached brief: it lists the screens, the data model and the acceptance criteria.",
        "Performance matters: pages must load in under 2 seconds on a mid-range phone &gt; 4G.",
        "Everything must be documented so that our team can maintain it after the handover.",
        "We care about accessibility (WCAG 2.1 AA) and clean, readable code over clever code.",
        "Budget is flexible for the right person; we value quality and communication over the lowest bid.",
        "There may be follow-up work: we have a backlog of similar tasks for the next quarter.",
    ];

    public static readonly string[] Asks =
    [
        "Tell us about a similar project you shipped &quot;from zero&quot; and what you would do differently.",
        "Start your proposal with the word &quot;banana&quot; so we know you read this.",
        "Please share 2&ndash;3 relevant samples and your availability (hours/week).",
        "Describe how you would approach the first week.",
    ];
}
