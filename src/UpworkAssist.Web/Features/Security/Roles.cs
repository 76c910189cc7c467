namespace UpworkAssist.Web.Features.Security;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Lead = "Lead";
    public const string Freelancer = "Freelancer";
    public const string Manager = "Manager";

    public static readonly IReadOnlyList<string> All = [Admin, Lead, Freelancer, Manager];
}

/// <summary>
/// One policy per area. The role sets live here and nowhere else, so pages and the JSON API
/// enforce the same rules.
/// </summary>
public static class Policies
{
    /// <summary>
    /// The JSON API's authentication scheme (Api's token or the cookie); the API policies authenticate with it.
    /// </summary>
    public const string ApiScheme = "Api";

    /// <summary>
    /// Requests to the JSON API and its description, which answer with status codes and problems, never redirects.
    /// </summary>
    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    /// <summary>
    /// Nobody need be signed in (sign-in, setup, errors, health). Not an authorization policy: such routes allow
    /// anonymous users.
    /// </summary>
    public const string Anonymous = nameof(Anonymous);
    public const string SignedIn = nameof(SignedIn);
    public const string Admin = nameof(Admin);
    public const string LaneEditors = nameof(LaneEditors);
    public const string Drafting = nameof(Drafting);
    public const string DraftLeads = nameof(DraftLeads);
    public const string Compliance = nameof(Compliance);
    public const string AuditReaders = nameof(AuditReaders);
    public const string Triage = nameof(Triage);

    /// <summary>
    /// Roles that read every job, match and posting; a Freelancer reads only the jobs assigned to them.
    /// </summary>
    public const string JobsReadAll = nameof(JobsReadAll);

    /// <summary>Roles that read every proposal and every person's metrics; others see only their own.</summary>
    public const string PipelineReadAll = nameof(PipelineReadAll);

    /// <summary>Roles that change any proposal's stage and contract; a Freelancer changes only their own.</summary>
    public const string PipelineEditAll = nameof(PipelineEditAll);
    public const string ComplianceEditors = nameof(ComplianceEditors);
    public const string KnowledgeEditors = nameof(KnowledgeEditors);

    public static readonly IReadOnlyDictionary<string, string[]> RolesFor = new Dictionary<string, string[]>
    {
        [SignedIn] = [Roles.Admin, Roles.Lead, Roles.Freelancer, Roles.Manager],
        [Admin] = [Roles.Admin],
        [LaneEditors] = [Roles.Admin, Roles.Lead],
        [Drafting] = [Roles.Admin, Roles.Lead, Roles.Freelancer],
        // Lift a person's daily pace cap, set which lanes need a lead's approval.
        [DraftLeads] = [Roles.Admin, Roles.Lead],
        [Compliance] = [Roles.Admin, Roles.Lead, Roles.Manager],
        [AuditReaders] = [Roles.Admin, Roles.Manager],
        [Triage] = [Roles.Admin, Roles.Lead],
        [JobsReadAll] = [Roles.Admin, Roles.Lead, Roles.Manager],
        [PipelineReadAll] = [Roles.Admin, Roles.Lead, Roles.Manager],
        [PipelineEditAll] = [Roles.Admin, Roles.Lead],
        [ComplianceEditors] = [Roles.Admin, Roles.Lead],
        [KnowledgeEditors] = [Roles.Admin, Roles.Lead],
    };

    /// <summary>The JSON API's twin of each policy: same roles, bearer token or cookie.</summary>
    public static string Api(string policy) => "Api" + policy;
}
