using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// UpworkAssist's own inventory row. Its answers are what the code does, so start-up writes them back every time.
/// </summary>
public static class BuiltInTool
{
    public const string Name = "UpworkAssist";

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tool = await db.AutomationTools.SingleOrDefaultAsync(t => t.IsBuiltIn, ct);
        if (tool is null)
        {
            tool = new AutomationTool
            {
                Name = Name,
                IsBuiltIn = true,
                Owner = "Admins",
                Decision = ToolDecision.Keep,
                CreatedAt = now,
                UpdatedAt = now,
                Notes = "Its answers are facts of the code and cannot be edited; the owner, decision and notes can.",
            };
            db.AutomationTools.Add(tool);
        }
        tool.Purpose =
            "Reads new postings from the official API (or the demo feed), matches them to lanes, alerts people, "
            + "helps them draft, "
            + "and records what they sent by hand. It prepares and measures; people decide and send.";
        // The questionnaire's true answers, each enforced by code and tests:
        tool.AutoSubmits = false; // no code path sends anything to the marketplace; a person records "I sent it"
        tool.Scrapes = false; // only the official GraphQL API; the client refuses any non-query document
        tool.LogsInAsYou = false; // an OAuth grant for read-only queries; no marketplace password is stored, ever
        tool.MessagesClients = false; // alerts go to the team's Slack and e-mail, never to clients
        tool.BypassesLimits = false; // client-side caps below the API's, Retry-After honoured, halts on a block
        await db.SaveChangesAsync(ct);
    }
}
