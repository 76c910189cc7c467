using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>
/// The AI drafter's prompt: the house rules as the system message, the job and the freelancer as the user message.
/// </summary>
public static class DraftPrompt
{
    public static List<ChatMessage> Messages(DraftRequest r) =>
        [new(ChatRole.System, System(r.Rules)), new(ChatRole.User, User(r))];

    public static string System(DraftingOptions rules)
    {
        var s = new StringBuilder();
        s.AppendLine(
            "You write short, specific Upwork proposals for a freelancer, who will edit and send them by hand."
        );
        s.AppendLine("House rules:");
        s.AppendLine(
            CultureInfo.InvariantCulture,
            $"- At most {rules.MaxLength} characters in total; plain text, no markdown."
        );
        s.AppendLine(
            CultureInfo.InvariantCulture,
            $"- The first paragraph is at most {rules.OpeningMaxLength} characters and names something specific "
                + $"from the job."
        );
        s.AppendLine("- Point to at most one piece of proof (the one given, if any).");
        s.AppendLine(
            "- No e-mail addresses, phone numbers, messenger handles or any invitation to talk outside Upwork."
        );
        s.AppendLine("- No {{placeholders}}; never invent facts, clients or numbers about the freelancer.");
        if (rules.BannedPhrases.Count > 0)
        {
            s.AppendLine("- Never use these phrases: " + string.Join("; ", rules.BannedPhrases));
        }
        s.AppendLine("Answer with the proposal text only.");
        return s.ToString();
    }

    public static string User(DraftRequest r)
    {
        var p = r.Posting;
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Job title: {p.Title}");
        s.AppendLine(CultureInfo.InvariantCulture, $"Job type: {p.Type}{Budget(p)}");
        if (p.Skills.Count > 0)
        {
            s.AppendLine("Skills asked for: " + string.Join(", ", p.Skills));
        }
        if (r.LaneName is not null)
        {
            s.AppendLine("Our lane (the kind of work we pursue here): " + r.LaneName);
        }
        s.AppendLine("Job description:");
        s.AppendLine(p.Description.Length > 4000 ? p.Description[..4000] : p.Description);
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Freelancer: {r.FreelancerName}");
        s.AppendLine("Skills: " + r.Profile.Skills);
        s.AppendLine("Bio: " + r.Profile.Bio);
        if (r.Profile.HourlyRate is { } rate)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"Hourly rate: ${rate:0.##}");
        }
        if (r.Proof is not null)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"Proof to mention: {r.Proof.Label} {r.Proof.Url}");
        }
        if (r.Template is not null)
        {
            s.AppendLine();
            s.AppendLine("Follow the shape of this template (fill it, do not copy its placeholders):");
            s.AppendLine(r.Template.Body);
        }
        return s.ToString();
    }

    private static string Budget(Posting p) =>
        p switch
        {
            { FixedBudget: { } b } => string.Create(CultureInfo.InvariantCulture, $", budget ${b:0}"),
            { HourlyMin: { } lo, HourlyMax: { } hi } => string.Create(
                CultureInfo.InvariantCulture,
                $", ${lo:0}–${hi:0}/hour"
            ),
            _ => "",
        };
}
