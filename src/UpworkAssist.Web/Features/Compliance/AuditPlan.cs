using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>The one-week audit plan as a checklist: seven steps, each with where in the product to do it.</summary>
public static class AuditPlan
{
    public sealed record Step(string Key, int Day, string Title, string How, string? Page);

    public sealed record Progress(
        string Key,
        int Day,
        string Title,
        bool Done,
        DateTimeOffset? CompletedAt,
        string? CompletedBy,
        string? Note
    );

    public static readonly IReadOnlyList<Step> Steps =
    [
        new(
            "list-tools",
            1,
            "List every tool, extension and script the team uses with the marketplace",
            "Add each one to the automation inventory, with its owner. UpworkAssist is already listed.",
            "/Compliance/Inventory"
        ),
        new(
            "tag-tools",
            2,
            "Tag each tool risky or safe",
            "Answer the questionnaire for every tool: it tags the tool and says why.",
            "/Compliance/Inventory"
        ),
        new(
            "disable-risky",
            3,
            "Remove or disable the risky ones",
            "Set the decision of every risky tool to Disable (or Replace, with a date), and switch it off.",
            "/Compliance/Inventory"
        ),
        new(
            "review-terms",
            4,
            "Review the marketplace's terms and automation rules with the team",
            "Go through the terms of service, the automation policy and the API terms together; note what changed.",
            "/Knowledge/Read?slug=how-upworkassist-stays-compliant"
        ),
        new(
            "document-workflow",
            5,
            "Document the team's safe automation workflow",
            "Write or adapt the SOPs in the knowledge base: how jobs are found, drafted, checked and sent by hand.",
            "/Knowledge"
        ),
        new(
            "automate-off-platform",
            6,
            "Pick one repetitive internal task to automate off the platform",
            "For example pipeline stages, reporting or a checklist; note which one and who owns it.",
            null
        ),
        new(
            "set-quarterly-review",
            7,
            "Set the quarterly review reminder",
            "Choose how Admins are reminded (e-mail, Slack) on the quarterly review page.",
            "/Compliance/Review"
        ),
    ];

    public static async Task<IReadOnlyList<Progress>> ProgressAsync(AppDbContext db, CancellationToken ct)
    {
        var done = await db.AuditPlanSteps.AsNoTracking().ToDictionaryAsync(s => s.Key, ct);
        return Steps
            .Select(s =>
                done.TryGetValue(s.Key, out var d)
                    ? new Progress(s.Key, s.Day, s.Title, true, d.CompletedAt, d.CompletedByName, d.Note)
                    : new Progress(s.Key, s.Day, s.Title, false, null, null, null)
            )
            .ToList();
    }
}
