namespace UpworkAssist.Web.Features.Feed;

/// <summary>
/// The demo marketplace's vocabulary: skill areas with their category, skills, title nouns and budget spreads.
/// </summary>
internal static class DemoCatalog
{
    public sealed record Area(
        string Name,
        string Category,
        string[] Skills,
        string[] Things,
        int HourlyLow,
        int HourlyHigh,
        int FixedLow,
        int FixedHigh
    );

    public static readonly Area[] Areas =
    [
        new(
            "React",
            "Web Development",
            ["React", "TypeScript", "JavaScript", "Redux", "Next.js"],
            ["dashboard", "SaaS front end", "admin panel", "component library"],
            25,
            90,
            300,
            8000
        ),
        new(
            "Angular",
            "Web Development",
            ["Angular", "TypeScript", "RxJS", "NgRx"],
            ["enterprise portal", "reporting UI", "Angular upgrade"],
            30,
            85,
            500,
            9000
        ),
        new(
            "Vue",
            "Web Development",
            ["Vue.js", "Nuxt.js", "JavaScript", "Pinia"],
            ["storefront", "booking widget", "Vue 2 to 3 migration"],
            20,
            70,
            250,
            5000
        ),
        new(
            "ASP.NET Core",
            "Web Development",
            ["ASP.NET Core", "C#", ".NET", "Entity Framework", "SQL Server"],
            ["REST API", "Razor Pages app", "multi-tenant backend"],
            35,
            110,
            800,
            15000
        ),
        new(
            "Node.js",
            "Web Development",
            ["Node.js", "Express", "TypeScript", "PostgreSQL"],
            ["API server", "webhook service", "realtime backend"],
            25,
            95,
            400,
            9000
        ),
        new(
            "Django",
            "Web Development",
            ["Django", "Python", "PostgreSQL", "Celery"],
            ["web app", "REST API", "admin customisation"],
            25,
            90,
            400,
            8000
        ),
        new(
            "Laravel",
            "Web Development",
            ["Laravel", "PHP", "MySQL", "Vue.js"],
            ["CRM", "invoice system", "Laravel upgrade"],
            15,
            60,
            200,
            6000
        ),
        new(
            "Ruby on Rails",
            "Web Development",
            ["Ruby on Rails", "Ruby", "PostgreSQL", "Sidekiq"],
            ["marketplace app", "Rails upgrade", "billing module"],
            40,
            120,
            1000,
            15000
        ),
        new(
            "WordPress",
            "Web Development",
            ["WordPress", "PHP", "WooCommerce", "Elementor"],
            ["business website", "WooCommerce shop", "custom plugin"],
            10,
            50,
            100,
            3000
        ),
        new(
            "Shopify",
            "Web Development",
            ["Shopify", "Liquid", "Shopify Apps", "JavaScript"],
            ["Shopify theme", "store migration", "checkout customisation"],
            15,
            70,
            150,
            4000
        ),
        new(
            "Go",
            "Web Development",
            ["Go", "gRPC", "PostgreSQL", "Docker"],
            ["microservice", "CLI tool", "high-throughput API"],
            45,
            130,
            1500,
            20000
        ),
        new(
            "Rust",
            "Web Development",
            ["Rust", "Tokio", "WebAssembly"],
            ["parser", "performance-critical service", "WASM module"],
            50,
            150,
            2000,
            25000
        ),
        new(
            "iOS",
            "Mobile Development",
            ["iOS", "Swift", "SwiftUI", "Xcode"],
            ["iPhone app", "SwiftUI redesign", "App Store release"],
            35,
            120,
            1000,
            20000
        ),
        new(
            "Android",
            "Mobile Development",
            ["Android", "Kotlin", "Jetpack Compose"],
            ["Android app", "Compose migration", "offline sync"],
            30,
            110,
            800,
            18000
        ),
        new(
            "Flutter",
            "Mobile Development",
            ["Flutter", "Dart", "Firebase"],
            ["cross-platform app", "Flutter MVP", "payment integration"],
            20,
            80,
            500,
            12000
        ),
        new(
            "React Native",
            "Mobile Development",
            ["React Native", "TypeScript", "Expo"],
            ["mobile app", "Expo app", "push notifications"],
            25,
            90,
            600,
            14000
        ),
        new(
            "Data Engineering",
            "Data Science & Analytics",
            ["Python", "Apache Airflow", "dbt", "Snowflake", "SQL"],
            ["ETL pipeline", "data warehouse", "dbt models"],
            40,
            130,
            1000,
            20000
        ),
        new(
            "Machine Learning",
            "Data Science & Analytics",
            ["Machine Learning", "Python", "PyTorch", "scikit-learn"],
            ["prediction model", "recommendation engine", "model fine-tuning"],
            45,
            160,
            1500,
            30000
        ),
        new(
            "LLM Apps",
            "Data Science & Analytics",
            ["OpenAI API", "LangChain", "Python", "RAG", "Vector Database"],
            ["AI chatbot", "RAG assistant", "document Q&A tool"],
            40,
            150,
            800,
            20000
        ),
        new(
            "Data Visualization",
            "Data Science & Analytics",
            ["Power BI", "Tableau", "SQL", "DAX"],
            ["sales dashboard", "KPI report", "Power BI model"],
            25,
            90,
            300,
            6000
        ),
        new(
            "Excel",
            "Data Science & Analytics",
            ["Microsoft Excel", "VBA", "Google Sheets"],
            ["financial model", "VBA macro", "spreadsheet automation"],
            15,
            60,
            50,
            1500
        ),
        new(
            "Web Scraping Alternatives",
            "Data Science & Analytics",
            ["API Integration", "Python", "Data Cleaning"],
            ["data cleanup", "API data import", "CSV normalisation"],
            15,
            55,
            100,
            2000
        ),
        new(
            "DevOps",
            "IT & Networking",
            ["DevOps", "Kubernetes", "Terraform", "AWS", "CI/CD"],
            ["Kubernetes cluster", "CI/CD pipeline", "Terraform modules"],
            45,
            140,
            1000,
            20000
        ),
        new(
            "AWS",
            "IT & Networking",
            ["Amazon Web Services", "AWS Lambda", "CloudFormation"],
            ["serverless backend", "AWS cost review", "migration to AWS"],
            40,
            130,
            800,
            15000
        ),
        new(
            "Azure",
            "IT & Networking",
            ["Microsoft Azure", "Azure DevOps", "Bicep"],
            ["Azure landing zone", "Azure Functions app", "AD integration"],
            40,
            130,
            800,
            15000
        ),
        new(
            "Cybersecurity",
            "IT & Networking",
            ["Penetration Testing", "Network Security", "OWASP"],
            ["security audit", "pen test", "SOC 2 readiness"],
            50,
            160,
            1500,
            25000
        ),
        new(
            "Linux Administration",
            "IT & Networking",
            ["Linux System Administration", "Bash", "Nginx"],
            ["server hardening", "Nginx setup", "backup automation"],
            20,
            80,
            150,
            3000
        ),
        new(
            "UI/UX Design",
            "Design & Creative",
            ["UI Design", "UX Design", "Figma", "Prototyping"],
            ["app redesign", "design system", "onboarding flow"],
            25,
            100,
            300,
            10000
        ),
        new(
            "Logo Design",
            "Design & Creative",
            ["Logo Design", "Adobe Illustrator", "Brand Identity"],
            ["logo", "brand kit", "packaging concept"],
            15,
            70,
            50,
            2000
        ),
        new(
            "Video Editing",
            "Design & Creative",
            ["Video Editing", "Adobe Premiere Pro", "After Effects"],
            ["YouTube series", "product video", "short-form reels"],
            15,
            60,
            50,
            3000
        ),
        new(
            "3D Modeling",
            "Design & Creative",
            ["3D Modeling", "Blender", "3D Rendering"],
            ["product renders", "game assets", "architectural visualisation"],
            20,
            80,
            100,
            5000
        ),
        new(
            "Illustration",
            "Design & Creative",
            ["Illustration", "Procreate", "Children's Book Illustration"],
            ["book illustrations", "editorial art", "character sheets"],
            20,
            75,
            150,
            4000
        ),
        new(
            "Copywriting",
            "Writing",
            ["Copywriting", "Landing Page Copy", "Email Marketing"],
            ["landing page copy", "email sequence", "sales page"],
            20,
            90,
            100,
            3000
        ),
        new(
            "Technical Writing",
            "Writing",
            ["Technical Writing", "API Documentation", "Markdown"],
            ["API docs", "user guide", "developer tutorials"],
            30,
            100,
            300,
            6000
        ),
        new(
            "Content Writing",
            "Writing",
            ["Content Writing", "SEO Writing", "Blog Writing"],
            ["blog articles", "pillar pages", "case studies"],
            15,
            60,
            50,
            2500
        ),
        new(
            "Translation",
            "Translation",
            ["Translation", "German", "Spanish", "French"],
            ["website localisation", "contract translation", "app strings"],
            15,
            60,
            50,
            3000
        ),
        new(
            "SEO",
            "Sales & Marketing",
            ["Search Engine Optimization", "Google Analytics", "Technical SEO"],
            ["SEO audit", "link strategy", "technical SEO fixes"],
            20,
            90,
            200,
            5000
        ),
        new(
            "Paid Ads",
            "Sales & Marketing",
            ["Google Ads", "Facebook Ads", "PPC"],
            ["ad campaigns", "PPC management", "conversion tracking"],
            25,
            100,
            300,
            6000
        ),
        new(
            "Social Media",
            "Sales & Marketing",
            ["Social Media Marketing", "Instagram", "TikTok"],
            ["content calendar", "growth campaign", "community management"],
            15,
            55,
            100,
            2500
        ),
        new(
            "Lead Generation",
            "Sales & Marketing",
            ["Lead Generation", "HubSpot", "CRM"],
            ["CRM setup", "outbound workflow", "HubSpot automation"],
            15,
            60,
            100,
            3000
        ),
        new(
            "Bookkeeping",
            "Accounting & Consulting",
            ["Bookkeeping", "QuickBooks", "Xero"],
            ["monthly bookkeeping", "QuickBooks cleanup", "year-end close"],
            20,
            70,
            100,
            3000
        ),
        new(
            "Financial Modeling",
            "Accounting & Consulting",
            ["Financial Modeling", "Financial Analysis", "Valuation"],
            ["startup model", "DCF valuation", "fundraising deck numbers"],
            40,
            150,
            500,
            10000
        ),
        new(
            "Legal",
            "Legal",
            ["Contract Drafting", "Intellectual Property Law", "GDPR"],
            ["SaaS terms", "privacy policy", "NDA review"],
            60,
            250,
            300,
            8000
        ),
        new(
            "Game Development",
            "Web Development",
            ["Unity", "C#", "Game Design", "Unreal Engine"],
            ["mobile game", "Unity prototype", "multiplayer mode"],
            25,
            100,
            500,
            20000
        ),
        new(
            "Blockchain",
            "Web Development",
            ["Solidity", "Smart Contracts", "Web3.js"],
            ["smart contract", "token dashboard", "contract audit"],
            40,
            150,
            1000,
            25000
        ),
        new(
            "Embedded",
            "Engineering & Architecture",
            ["Embedded C", "Arduino", "PCB Design", "Firmware"],
            ["firmware", "IoT prototype", "PCB layout"],
            35,
            120,
            800,
            15000
        ),
        new(
            "QA Testing",
            "Web Development",
            ["Manual Testing", "Playwright", "Selenium", "Test Automation"],
            ["test automation suite", "regression testing", "QA for launch"],
            15,
            70,
            200,
            5000
        ),
        new(
            "Customer Support",
            "Admin Support",
            ["Customer Service", "Zendesk", "Live Chat"],
            ["support agent", "help centre setup", "ticket triage"],
            8,
            25,
            100,
            2000
        ),
        new(
            "Virtual Assistance",
            "Admin Support",
            ["Virtual Assistance", "Data Entry", "Calendar Management"],
            ["executive assistant", "data entry project", "inbox management"],
            6,
            25,
            50,
            1500
        ),
    ];

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
