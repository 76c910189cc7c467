using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>Template names for the pipeline's and analytics' filters; a deleted template is simply absent.</summary>
public sealed class DraftTemplateNames(AppDbContext db) : ITemplateNames
{
    public async Task<IReadOnlyDictionary<long, string>> ReadAsync(
        IReadOnlyCollection<long> ids,
        CancellationToken ct
    ) =>
        await db
            .DraftTemplates.AsNoTracking()
            .Where(t => ids.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Name, ct);
}
