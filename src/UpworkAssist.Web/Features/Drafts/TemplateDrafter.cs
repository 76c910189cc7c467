using System.Globalization;
using System.Text.RegularExpressions;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>The default drafter: fills the chosen template's <c>{{variables}}</c>; no network, no cost.</summary>
public sealed partial class TemplateDrafter(TimeProvider clock) : IDrafter
{
    public const string DrafterName = "Template";

    /// <summary>Used when no template is chosen, so a draft can always be started.</summary>
    public const string FallbackBody = """
        Hi {{client_name}}, your {{job_title}} post caught my eye: {{job_skill}} is what I do every day.

        {{bio}}

        Here is how I would start: a short call to confirm scope, then a first milestone you can review within a few days.

        Relevant work: {{proof_link}}

        {{freelancer_name}}
        """;

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}", RegexOptions.IgnoreCase)]
    private static partial Regex Variable();

    public static readonly IReadOnlyList<string> Variables =
    [
        "client_name",
        "job_title",
        "top_skill",
        "job_skill",
        "freelancer_name",
        "bio",
        "hourly_rate",
        "proof_link",
        "proof_label",
        "lane",
    ];

    public string Name => DrafterName;

    public Task<DraftResult> DraftAsync(DraftRequest request, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var text = Fill(request.Template?.Body ?? FallbackBody, request);
        return Task.FromResult(new DraftResult(text, null, null, clock.GetElapsedTime(started)));
    }

    /// <summary>
    /// Fills known variables that have a value; unknown or empty ones stay as written so the checks flag them.
    /// </summary>
    public static string Fill(string body, DraftRequest r)
    {
        var values = Values(r);
        var filled = Variable()
            .Replace(
                body,
                m =>
                    values.TryGetValue(m.Groups[1].Value.ToLowerInvariant(), out var v) && !string.IsNullOrWhiteSpace(v)
                        ? v
                        : m.Value
            );
        // Lines left empty by an empty optional value would read as gaps in the proposal.
        return Regex.Replace(filled.Replace("\r\n", "\n"), @"\n{3,}", "\n\n").Trim();
    }

    public static Dictionary<string, string?> Values(DraftRequest r)
    {
        var skills = r.Profile.SkillList;
        var jobSkill =
            r.Posting.Skills.FirstOrDefault(s => skills.Contains(s, StringComparer.OrdinalIgnoreCase))
            ?? (r.Posting.Skills.Count > 0 ? r.Posting.Skills[0] : null)
            ?? (skills.Count > 0 ? skills[0] : null);
        return new Dictionary<string, string?>
        {
            // The marketplace does not tell us the client's name; "there" reads naturally after "Hi".
            ["client_name"] = "there",
            ["job_title"] = r.Posting.Title.Trim(),
            ["top_skill"] = skills.Count > 0 ? skills[0] : null,
            ["job_skill"] = jobSkill,
            ["freelancer_name"] = r.FreelancerName,
            ["bio"] = r.Profile.Bio.Trim(),
            ["hourly_rate"] = r.Profile.HourlyRate?.ToString("0.##", CultureInfo.InvariantCulture) is { } rate
                ? $"${rate}/hour"
                : null,
            ["proof_link"] = r.Proof?.Url,
            ["proof_label"] = r.Proof?.Label,
            ["lane"] = r.LaneName,
        };
    }
}
