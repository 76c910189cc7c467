namespace UpworkAssist.Web.Features.Security;

/// <summary>
/// One route the application answers, and who may use it. Pages are named by their URL (the
/// page's path under Features/ without a trailing /Index) and, for a named handler, its name;
/// other endpoints by their route pattern. Reads says what a role that may open it sees, where
/// that is less than everything.
/// </summary>
public sealed record AccessRule(string Method, string Path, string? Handler, string Policy, string? Reads = null)
{
    /// <summary>
    /// The JSON API takes a personal access token as well as the sign-in cookie; pages take only the cookie.
    /// </summary>
    public bool TakesToken =>
        Path.StartsWith("/api/", StringComparison.Ordinal) || Path.StartsWith("/openapi/", StringComparison.Ordinal);

    public string Key => AccessPolicy.KeyOf(Method, Path, Handler);

    /// <summary>
    /// The roles that may use it, or every role and nobody signed in for <see cref="Policies.Anonymous"/>.
    /// </summary>
    public IReadOnlyList<string> Roles => Policy == Policies.Anonymous ? Security.Roles.All : Policies.RolesFor[Policy];
}

/// <summary>
/// Every page, page handler and endpoint with its policy: the one table the pages' authorization
/// conventions, the handler filter and the API's conventions are built from, that the role-matrix
/// test checks every role and token against, and that docs/accounts.md is checked against.
/// </summary>
public static class AccessPolicy
{
    private const string Get = "GET";
    private const string Post = "POST";
    private const string Any = "ANY";

    private const string AssignedJobs = "Freelancer: only the jobs assigned to them";
    private const string OwnProposals = "Freelancer: only their own proposals";
    private const string OwnDrafts = "Freelancer: only their own drafts";

    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        new(Get, "/", null, Policies.SignedIn, "what needs each of their roles"),
        new(Post, "/", "DismissChecklist", Policies.Admin, "their own checklist"),
        new(Get, "/Help", null, Policies.SignedIn),
        new(Get, "/live", null, Policies.SignedIn, "what their roles read"),
        new(Get, "/Error", null, Policies.Anonymous),
        new(Post, "/Error", null, Policies.Anonymous),
        new(Get, "/Setup", null, Policies.Anonymous, "nobody once a user exists (404)"),
        new(Post, "/Setup", null, Policies.Anonymous, "nobody once a user exists (404)"),
        new(Get, "/Account/Login", null, Policies.Anonymous),
        new(Post, "/Account/Login", null, Policies.Anonymous),
        new(Get, "/Account/Logout", null, Policies.SignedIn),
        new(Post, "/Account/Logout", null, Policies.SignedIn),
        new(Get, "/Account/Password", null, Policies.SignedIn, "their own account"),
        new(Post, "/Account/Password", null, Policies.SignedIn, "their own account"),
        new(Get, "/Account/TimeZone", null, Policies.SignedIn, "their own time zone"),
        new(Post, "/Account/TimeZone", null, Policies.SignedIn, "their own time zone"),
        new(Get, "/Account/Notifications", null, Policies.SignedIn, "their own choice"),
        new(Post, "/Account/Notifications", null, Policies.SignedIn, "their own choice"),
        new(Get, "/Account/Tokens", null, Policies.SignedIn, "their own tokens"),
        new(Post, "/Account/Tokens", "Create", Policies.SignedIn, "their own tokens"),
        new(Post, "/Account/Tokens", "Revoke", Policies.SignedIn, "their own tokens"),
        new(Get, "/Queue", null, Policies.SignedIn, AssignedJobs),
        new(Post, "/Queue", "Act", Policies.Triage),
        new(Post, "/Queue", "Bulk", Policies.Triage),
        new(Post, "/Queue", "SavePreset", Policies.SignedIn, "their own saved views"),
        new(Post, "/Queue", "DeletePreset", Policies.SignedIn, "their own saved views"),
        new(Get, "/Queue/Job", null, Policies.SignedIn, AssignedJobs),
        new(Get, "/Lanes", null, Policies.SignedIn),
        new(Get, "/Lanes", "Export", Policies.LaneEditors),
        new(Get, "/Lanes/Import", null, Policies.LaneEditors),
        new(Post, "/Lanes/Import", null, Policies.LaneEditors),
        new(Get, "/Lanes/Edit", null, Policies.LaneEditors),
        new(Post, "/Lanes/Edit", "Preview", Policies.LaneEditors),
        new(Post, "/Lanes/Edit", "Save", Policies.LaneEditors),
        new(Post, "/Lanes/Edit", "Toggle", Policies.LaneEditors),
        new(Post, "/Lanes/Edit", "Delete", Policies.LaneEditors),
        new(Get, "/Routing/Routes", null, Policies.LaneEditors),
        new(Post, "/Routing/Routes", "Add", Policies.LaneEditors),
        new(Post, "/Routing/Routes", "Toggle", Policies.LaneEditors),
        new(Post, "/Routing/Routes", "Resume", Policies.LaneEditors),
        new(Post, "/Routing/Routes", "Delete", Policies.LaneEditors),
        new(Post, "/Routing/Routes", "Test", Policies.LaneEditors),
        new(Get, "/Routing/Webhooks", null, Policies.Admin),
        new(Post, "/Routing/Webhooks", "Add", Policies.Admin),
        new(Post, "/Routing/Webhooks", "Toggle", Policies.Admin),
        new(Post, "/Routing/Webhooks", "Delete", Policies.Admin),
        new(Get, "/Routing/Webhooks/Deliveries", null, Policies.Admin),
        new(Post, "/Routing/Webhooks/Deliveries", "Redeliver", Policies.Admin),
        new(Get, "/Drafts", null, Policies.Drafting, OwnDrafts + " and the jobs assigned to them"),
        new(Get, "/Drafts/New", null, Policies.Drafting, AssignedJobs),
        new(Post, "/Drafts/New", null, Policies.Drafting, AssignedJobs),
        new(Get, "/Drafts/Edit", null, Policies.Drafting, OwnDrafts),
        new(Post, "/Drafts/Edit", "Save", Policies.Drafting, OwnDrafts),
        new(Post, "/Drafts/Edit", "Autosave", Policies.Drafting, OwnDrafts),
        new(Post, "/Drafts/Edit", "Approve", Policies.Drafting, OwnDrafts),
        new(Post, "/Drafts/Edit", "Reopen", Policies.Drafting, OwnDrafts),
        new(Post, "/Drafts/Edit", "Copied", Policies.Drafting, OwnDrafts),
        new(Post, "/Drafts/Edit", "Opened", Policies.Drafting, OwnDrafts),
        new(Post, "/Drafts/Edit", "Sent", Policies.Drafting, OwnDrafts),
        new(Get, "/Drafts/Profile", null, Policies.Drafting, "their own profile"),
        new(Post, "/Drafts/Profile", null, Policies.Drafting, "their own profile"),
        new(Post, "/Drafts/Profile", "AddProof", Policies.Drafting, "their own profile"),
        new(Post, "/Drafts/Profile", "DeleteProof", Policies.Drafting, "their own profile"),
        new(Get, "/Drafts/Templates", null, Policies.Drafting),
        new(Get, "/Drafts/Template", null, Policies.Drafting),
        new(Post, "/Drafts/Template", null, Policies.Drafting),
        new(Post, "/Drafts/Template", "Archive", Policies.Drafting),
        new(Get, "/Drafts/Team", null, Policies.DraftLeads),
        new(Post, "/Drafts/Team", "Lift", Policies.DraftLeads),
        new(Post, "/Drafts/Team", "LanePolicy", Policies.DraftLeads),
        new(Get, "/Pipeline", null, Policies.SignedIn, OwnProposals),
        new(Get, "/Pipeline", "Csv", Policies.SignedIn, OwnProposals),
        new(Get, "/Pipeline/Edit", null, Policies.SignedIn, OwnProposals + " (others answer 404)"),
        new(Post, "/Pipeline/Edit", "Stage", Policies.Drafting, OwnProposals),
        new(Post, "/Pipeline/Edit", "Contract", Policies.Drafting, OwnProposals),
        new(Get, "/Pipeline/Sync", null, Policies.DraftLeads),
        new(Post, "/Pipeline/Sync", "Settings", Policies.Admin),
        new(Post, "/Pipeline/Sync", "Map", Policies.Admin),
        new(Post, "/Pipeline/Sync", "Now", Policies.DraftLeads),
        new(Get, "/Analytics", null, Policies.SignedIn, OwnProposals),
        new(Get, "/Analytics", "Csv", Policies.SignedIn, OwnProposals),
        new(Get, "/Compliance", null, Policies.Compliance),
        new(Get, "/Compliance/Inventory", null, Policies.Compliance),
        new(Post, "/Compliance/Inventory", "Delete", Policies.ComplianceEditors),
        new(Get, "/Compliance/Tool", null, Policies.ComplianceEditors),
        new(Post, "/Compliance/Tool", null, Policies.ComplianceEditors),
        new(Get, "/Compliance/AuditPlan", null, Policies.Compliance),
        new(Post, "/Compliance/AuditPlan", "Done", Policies.ComplianceEditors),
        new(Post, "/Compliance/AuditPlan", "Undo", Policies.ComplianceEditors),
        new(Get, "/Compliance/Review", null, Policies.Compliance),
        new(Post, "/Compliance/Review", "Start", Policies.Admin),
        new(Post, "/Compliance/Review", "Remind", Policies.Admin),
        new(Post, "/Compliance/Review", "Complete", Policies.Admin),
        new(Post, "/Compliance/Review", "Routes", Policies.Admin),
        new(Get, "/Compliance/Export", null, Policies.AuditReaders),
        new(Get, "/Compliance/Export", "Json", Policies.AuditReaders),
        new(Get, "/Compliance/Export", "AuditCsv", Policies.AuditReaders),
        new(Get, "/Compliance/Export", "DailyCsv", Policies.AuditReaders),
        new(Get, "/Feed/Status", null, Policies.Compliance),
        new(Post, "/Feed/Status", "PollNow", Policies.Admin),
        new(Get, "/Knowledge", null, Policies.SignedIn),
        new(Get, "/Knowledge/Read", null, Policies.SignedIn),
        new(Get, "/Knowledge/Edit", null, Policies.KnowledgeEditors),
        new(Post, "/Knowledge/Edit", null, Policies.KnowledgeEditors),
        new(Post, "/Knowledge/Edit", "Delete", Policies.KnowledgeEditors),
        new(Get, "/Audit", null, Policies.AuditReaders),
        new(Get, "/Admin", null, Policies.Admin),
        new(Get, "/Admin/Users", null, Policies.Admin),
        new(Post, "/Admin/Users", "Disable", Policies.Admin),
        new(Post, "/Admin/Users", "Enable", Policies.Admin),
        new(Post, "/Admin/Users", "Unlock", Policies.Admin),
        new(Get, "/Admin/Users/Create", null, Policies.Admin),
        new(Post, "/Admin/Users/Create", null, Policies.Admin),
        new(Get, "/Admin/Users/Edit", null, Policies.Admin),
        new(Post, "/Admin/Users/Edit", null, Policies.Admin),
        new(Get, "/Admin/Feed/Connection", null, Policies.Admin),
        new(Get, "/Admin/Feed/Connection", "Callback", Policies.Admin),
        new(Post, "/Admin/Feed/Connection", "Connect", Policies.Admin),
        new(Post, "/Admin/Feed/Connection", "Disconnect", Policies.Admin),
        new(Post, "/Admin/Feed/Connection", "Resume", Policies.Admin),
        new(Any, "/hangfire/{**path}", null, Policies.Admin),
        new(Get, "/healthz", null, Policies.Anonymous),
        new(Get, "/openapi/{documentName}.json", null, Policies.SignedIn),
        new(Get, "/api/v1/me", null, Policies.SignedIn, "their own account"),
        new(Get, "/api/v1/audit", null, Policies.AuditReaders),
        new(Get, "/api/v1/lanes", null, Policies.SignedIn),
        new(Get, "/api/v1/matches", null, Policies.SignedIn, AssignedJobs),
        new(Get, "/api/v1/postings", null, Policies.SignedIn, AssignedJobs),
        new(Get, "/api/v1/alerts", null, Policies.LaneEditors),
        new(Get, "/api/v1/proposals", null, Policies.SignedIn, OwnProposals),
    ];

    private static readonly Dictionary<string, AccessRule> ByKey = Rules.ToDictionary(
        r => r.Key,
        StringComparer.Ordinal
    );

    public static string KeyOf(string method, string path, string? handler) =>
        handler is null ? $"{method} {path}" : $"{method} {path}?handler={handler}";

    /// <summary>A page's URL path from its path under Features/ ("/Queue/Index" → "/Queue").</summary>
    public static string PageUrl(string viewEnginePath) =>
        viewEnginePath == "/Index" ? "/"
        : viewEnginePath.EndsWith("/Index", StringComparison.Ordinal) ? viewEnginePath[..^"/Index".Length]
        : viewEnginePath;

    public static AccessRule? Find(string method, string path, string? handler = null) =>
        ByKey.GetValueOrDefault(KeyOf(method, path, handler));

    /// <summary>The rule a page itself is authorized by: its GET without a handler, which every page has.</summary>
    public static AccessRule ForPage(string viewEnginePath) =>
        Find(Get, PageUrl(viewEnginePath))
        ?? throw new InvalidOperationException(
            $"The page {viewEnginePath} has no row in AccessPolicy.Rules; decide who may open it there."
        );
}
