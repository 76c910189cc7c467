using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>
/// Starter templates, an annotated example, a micro-milestone script and a discovery-call outline; all editable.
/// </summary>
public static class StarterTemplates
{
    private sealed record Starter(string Name, TemplateKind Kind, string? LaneId, string Body, string Notes = "");

    private static readonly Starter[] All =
    [
        new(
            "Short and specific",
            TemplateKind.Proposal,
            null,
            """
            Hi {{client_name}}, I read your {{job_title}} post: {{job_skill}} is my daily work.

            {{bio}}

            How I would start: a 20-minute call to agree on scope, then a small first milestone you can judge before committing to more.

            One example of similar work: {{proof_link}}

            {{freelancer_name}}
            """,
            "The first paragraph is what the client sees in the list: keep the job's own words in it."
        ),
        new(
            ".NET backend",
            TemplateKind.Proposal,
            "dotnet",
            """
            Hi {{client_name}}, your {{job_title}} needs someone who has shipped {{job_skill}} in production; that is what I do.

            I would begin by reading the current code and listing the three riskiest parts, then fix the first one as a fixed-price milestone.

            {{bio}}

            Recent work: {{proof_link}}

            {{freelancer_name}}
            """
        ),
        new(
            "React front end",
            TemplateKind.Proposal,
            "react",
            """
            Hi {{client_name}}, for {{job_title}} I would start from your designs and deliver the first screen working end to end in {{job_skill}}.

            {{bio}}

            A comparable project: {{proof_link}}

            {{freelancer_name}}
            """
        ),
        new(
            "Design",
            TemplateKind.Proposal,
            "design",
            """
            Hi {{client_name}}, {{job_title}} caught my attention: I would open with a one-page flow sketch so we agree on the journey before any pixels.

            {{bio}}

            Portfolio piece closest to this: {{proof_link}}

            {{freelancer_name}}
            """
        ),
        new(
            "Annotated example: API integration",
            TemplateKind.Example,
            null,
            """
            Hi there, syncing Shopify orders into your ERP every five minutes is a job I finished twice this year.

            Your post mentions duplicate orders after retries; I would make the import idempotent on the order id before anything else.

            Plan: day 1, read access and a dry run on last week's orders; day 2–3, the sync with a retry log you can read.

            Loom walkthrough of a similar sync: https://www.loom.com/share/example

            Sam
            """,
            """
            Line 1 names the job's exact task and a number from the post (the list shows only this line).
            Line 2 answers the client's stated pain, proving the post was read.
            The plan is short and dated, so the client can picture the first days.
            Exactly one proof link, chosen for this job. No contact details, no flattery, no "Dear Sir".
            """
        ),
        new(
            "Micro-milestone offer",
            TemplateKind.MicroMilestone,
            null,
            """
            To make starting low-risk: a first milestone of about two hours, fixed price, where I {{job_skill}}-audit the current state and send a written plan with estimates. You keep the plan whether or not we continue.
            """,
            "Offer a small paid first step with a clear deliverable; it lowers the client's risk of hiring."
        ),
        new(
            "Discovery-call outline",
            TemplateKind.DiscoveryCall,
            null,
            """
            1. Goal: what does done look like, and by when?
            2. Current state: what exists, who uses it, what broke before?
            3. Constraints: budget range, stack, access, decision makers.
            4. First milestone: the smallest piece that proves the approach.
            5. Next step: who sends what, by which date (through Upwork messages).
            """,
            "For the call after a reply. Keep it on Upwork's own call or messages until a contract starts."
        ),
        new(
            "Availability line",
            TemplateKind.Snippet,
            null,
            "I can start this week and overlap four hours a day with your time zone."
        ),
        new(
            "Rate line",
            TemplateKind.Snippet,
            null,
            "My rate is {{hourly_rate}}; for a fixed scope I quote per milestone."
        ),
    ];

    /// <summary>
    /// Seeds a store that has never had a template (archived ones count, so deleting never re-seeds).
    /// </summary>
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.DraftTemplates.AnyAsync(ct))
        {
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var s in All)
        {
            db.DraftTemplates.Add(
                new DraftTemplate
                {
                    Name = s.Name,
                    Kind = s.Kind,
                    LaneId = s.LaneId,
                    Body = s.Body.Trim(),
                    Notes = s.Notes.Trim(),
                    UpdatedAt = now,
                }
            );
        }
        await db.SaveChangesAsync(ct);
        foreach (var t in await db.DraftTemplates.ToListAsync(ct))
        {
            db.TemplateVersions.Add(
                new TemplateVersion
                {
                    TemplateId = t.Id,
                    Version = 1,
                    Body = t.Body,
                    SavedAt = now,
                }
            );
        }
        await db.SaveChangesAsync(ct);
    }
}
