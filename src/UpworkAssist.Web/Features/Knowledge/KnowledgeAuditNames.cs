using UpworkAssist.Web.Features.Audit;

namespace UpworkAssist.Web.Features.Knowledge;

/// <summary>Names "knowledge" subjects in the audit log by their slug (a page's slug is its name).</summary>
internal sealed class KnowledgeAuditNames : IAuditSubjectNamer
{
    public Task NameAsync(
        ILookup<string, string> idsByType,
        IDictionary<(string Type, string Id), AuditName> names,
        CancellationToken ct
    )
    {
        foreach (var slug in idsByType["knowledge"])
            names[("knowledge", slug)] = new("page " + slug, "/Knowledge/Read?slug=" + Uri.EscapeDataString(slug));
        return Task.CompletedTask;
    }
}
