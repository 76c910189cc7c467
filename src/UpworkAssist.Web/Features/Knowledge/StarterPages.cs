using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Knowledge;

/// <summary>Starter SOPs and checklists for a knowledge base that has no page yet; every one is editable.</summary>
public static class StarterPages
{
    public sealed record Starter(string Slug, string Title, string Markdown);

    public static readonly IReadOnlyList<Starter> All =
    [
        new(
            "how-upworkassist-stays-compliant",
            "How UpworkAssist stays compliant",
            """
            UpworkAssist **prepares and measures; people decide and send.** This page says what it does on the
            marketplace's side, and what it never does.

            ## What it does
            - Reads new job postings through the marketplace's **official GraphQL API** with an OAuth grant an Admin
              gave it (or from the built-in demo feed, which touches no account at all).
            - Stays under its own caps: `Upwork:MaxRequestsPerMinute` and `Upwork:MaxRequestsPerDay` (never above
              40 a minute and 40,000 a day), waits as long as a 429 answer asks, and stops polling for a human when
              the marketplace's edge blocks it.
            - Keeps marketplace content at most 24 hours, then deletes it (postings someone acted on keep only
              their id and link).

            ## What it never does
            - Submit a proposal, send a message or click anything on the marketplace. A freelancer copies the
              approved draft, sends it on Upwork by hand, and then records "I sent it".
            - Scrape a web page. The API client refuses any GraphQL document that is not a query.
            - Store or use a marketplace password. Only OAuth tokens, encrypted at rest.
            - Get around captchas, rate limits or verification.

            ## How you can check
            The **Compliance** page measures all of this: requests against the caps, 429s and errors, the
            connection, each person's pace against the daily cap, drafts sent without edits, and alerts delivered.
            The audit log records every action, by a person or by the system.
            """
        ),
        new(
            "kickoff-call",
            "Kickoff call checklist",
            """
            Use this on the first call after a client hires you. Keep it to 30 minutes.

            1. **Goal in one sentence.** Ask the client to say what "done" looks like; write it down in their words.
            2. **Scope and first milestone.** Agree on a small first milestone you can deliver within a week.
            3. **Access.** List what you need (repositories, staging, design files) and who grants it. Never ask for
               the client's marketplace login.
            4. **Communication.** Agree on the channel (messages on the marketplace for anything contractual), the
               update rhythm and response times.
            5. **Risks and unknowns.** Name the two or three things most likely to slow the work.
            6. **Next step.** Confirm the date of the first update before you hang up.

            After the call: move the proposal to *Interview* or *Hired* in the pipeline and note the agreed milestone.
            """
        ),
        new(
            "onboarding",
            "Onboarding a new team member",
            """
            A new person should be productive in a day without ever putting the team's accounts at risk.

            - [ ] Create their UpworkAssist account with the right role (Freelancer, Lead, Manager or Admin).
            - [ ] Walk through the lanes they will work and why each filter is there.
            - [ ] Show the draft editor: the phone-friendly length, one proof artifact at most, no placeholders left.
            - [ ] Explain the pace cap (`Drafts:DailyProposalCap`) and why it exists: nobody writes more proposals a
                  day than a person realistically could.
            - [ ] Read **How UpworkAssist stays compliant** together.
            - [ ] Ask them to list any browser extension or script they use with the marketplace, and add each to
                  the automation inventory with the questionnaire answered.
            - [ ] Never share marketplace logins; every person uses their own account.
            """
        ),
        new(
            "qa-checklist",
            "Proposal QA checklist",
            """
            Before you press "I sent it", check the proposal you pasted:

            - [ ] The first two lines speak to **this** job, and read well on a phone.
            - [ ] It answers the client's questions, if the posting asked any.
            - [ ] At most **one** proof artifact: one Loom, one portfolio link or one attachment.
            - [ ] No `{placeholder}` or template text left over.
            - [ ] You changed the draft where it did not sound like you; a draft sent as generated counts on the
                  Compliance page.
            - [ ] The rate or budget you quote matches the lane and the client's budget.
            - [ ] You sent it yourself, on the marketplace, from your own account.
            """
        ),
    ];

    /// <summary>Adds the starter pages to a knowledge base that has no page at all.</summary>
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.KnowledgePages.AnyAsync(ct))
        {
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var s in All)
        {
            db.KnowledgePages.Add(
                new KnowledgePage
                {
                    Slug = s.Slug,
                    Title = s.Title,
                    Markdown = s.Markdown,
                    CreatedAt = now,
                    UpdatedAt = now,
                    UpdatedBy = "UpworkAssist",
                }
            );
        }
        await db.SaveChangesAsync(ct);
    }
}
