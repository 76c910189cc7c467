using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;

namespace UpworkAssist.Web.Features.Knowledge;

/// <summary>
/// The knowledge base: Markdown SOPs and checklists, readable by everyone signed in, edited by Leads and Admins.
/// </summary>
public static class KnowledgeSetup
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddAuditSubjects<KnowledgeAuditNames>();
        // The starter pages, on an empty knowledge base.
        services.AddStoreSeed("starter knowledge pages", (db, _, clock, ct) => StarterPages.SeedAsync(db, clock, ct));
        return services;
    }
}
