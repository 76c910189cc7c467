using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>The text being checked and the job it answers (title and skills give the "specific" words).</summary>
public sealed record DraftCheckInput(string Text, string JobTitle, IReadOnlyList<string> JobSkills);

/// <summary>One line of the editor's checklist.</summary>
public sealed record CheckItem(string Code, string Label, bool Passed, string? Message);

/// <summary>
/// The editor's live checks. Each rule carries an error code so the page can show every check as
/// a checklist line, passed or not, rather than only the failures.
/// </summary>
public sealed partial class DraftChecks : AbstractValidator<DraftCheckInput>
{
    public static readonly IReadOnlyList<(string Code, string Label)> All =
    [
        ("length", "Phone-friendly length"),
        ("opening", "Short opening"),
        ("specific", "Opening mentions the job"),
        ("proof", "At most one proof link"),
        ("placeholders", "No unfilled {{placeholders}}"),
        ("banned", "No banned phrases"),
        ("contact", "No off-platform contact details"),
    ];

    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "need",
        "needed",
        "looking",
        "expert",
        "developer",
        "project",
        "help",
        "with",
        "from",
        "build",
        "create",
        "senior",
        "junior",
        "someone",
        "required",
        "urgent",
        "small",
        "simple",
        "long",
        "term",
        "website",
        "about",
        "their",
        "there",
    };

    [GeneratedRegex(@"https?://\S+|www\.\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"\{\{[^}]*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\d[\d\s().-]{7,}\d")]
    private static partial Regex PhoneLike();

    [GeneratedRegex(
        @"\b(whats\s?app|telegram|skype|signal|wechat|discord|viber|my (e-?mail|phone|number)"
            + @"|call me (at|on)|text me|reach me (at|on)|contact me (at|on|directly))\b",
        RegexOptions.IgnoreCase
    )]
    private static partial Regex OffPlatform();

    [GeneratedRegex(@"[\p{L}\p{N}#+.]+")]
    private static partial Regex Word();

    public DraftChecks(IOptions<DraftingOptions> options)
    {
        var o = options.Value;
        RuleFor(d => d.Text)
            .Must(t => t.Trim().Length <= o.MaxLength)
            .WithErrorCode("length")
            .WithMessage(d => $"{d.Text.Trim().Length} characters: keep it within {o.MaxLength}.");
        RuleFor(d => d.Text)
            .Must(t => Opening(t).Length <= o.OpeningMaxLength)
            .WithErrorCode("opening")
            .WithMessage(d =>
                $"The first paragraph is {Opening(d.Text).Length} characters: keep it within {o.OpeningMaxLength}, "
                + $"it is what the client sees in the list."
            );
        RuleFor(d => d)
            .Must(d => MentionsJob(Preview(d.Text, o.OpeningMaxLength), d))
            .WithErrorCode("specific")
            .WithMessage("The opening should name something from this job (a skill or a word of its title).")
            .OverridePropertyName("Text");
        RuleFor(d => d.Text)
            .Must(t => Links(t).Count <= 1)
            .WithErrorCode("proof")
            .WithMessage(d => $"{Links(d.Text).Count} links: choose the one proof that fits this job best.");
        RuleFor(d => d.Text)
            .Must(t => !Placeholder().IsMatch(t))
            .WithErrorCode("placeholders")
            .WithMessage(d =>
                "Fill or remove "
                + string.Join(", ", Placeholder().Matches(d.Text).Select(m => m.Value).Distinct())
                + "."
            );
        RuleFor(d => d.Text)
            .Must(t => Banned(t, o.BannedPhrases).Count == 0)
            .WithErrorCode("banned")
            .WithMessage(d =>
                "Remove: " + string.Join(", ", Banned(d.Text, o.BannedPhrases).Select(p => $"\"{p}\"")) + "."
            );
        RuleFor(d => d.Text)
            .Must(t => !HasContactDetails(t))
            .WithErrorCode("contact")
            .WithMessage(
                "Remove e-mail addresses, phone numbers and messenger handles: talk stays on Upwork until a "
                    + "contract starts."
            );
    }

    /// <summary>The checklist: every check, with the message of those that failed.</summary>
    public async Task<IReadOnlyList<CheckItem>> ChecklistAsync(DraftCheckInput input, CancellationToken ct = default)
    {
        var result = await ValidateAsync(input, ct);
        return All.Select(c =>
            {
                var error = result.Errors.FirstOrDefault(e => e.ErrorCode == c.Code);
                return new CheckItem(c.Code, c.Label, error is null, error?.ErrorMessage);
            })
            .ToList();
    }

    /// <summary>The first paragraph: what a client reads before opening the proposal.</summary>
    /// <summary>Every line break as one "\n", the way a browser's textarea holds (and counts) the text.</summary>
    public static string LineBreaks(string text) => text.ReplaceLineEndings("\n");

    public static string Opening(string text)
    {
        var t = LineBreaks(text).Trim();
        var end = t.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? t : t[..end].Trim();
    }

    /// <summary>What the client's list shows: the opening, cut at the limit.</summary>
    public static string Preview(string text, int limit)
    {
        var t = Regex.Replace(text.Trim(), @"\s+", " ");
        return t.Length <= limit ? t : t[..limit].TrimEnd() + "…";
    }

    public static IReadOnlyList<string> Links(string text) =>
        Link()
            .Matches(text)
            .Select(m => m.Value.TrimEnd('.', ',', ')', ';'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    public static IReadOnlyList<string> Banned(string text, IEnumerable<string> phrases) =>
        phrases
            .Where(p => !string.IsNullOrWhiteSpace(p) && text.Contains(p.Trim(), StringComparison.OrdinalIgnoreCase))
            .ToList();

    public static bool HasContactDetails(string text)
    {
        // Links are proof, not contact details; drop them before looking for addresses and numbers.
        var t = Link().Replace(text, " ");
        return Email().IsMatch(t)
            || OffPlatform().IsMatch(t)
            || PhoneLike().Matches(t).Any(m => m.Value.Count(char.IsDigit) >= 9);
    }

    public static bool MentionsJob(string opening, DraftCheckInput d)
    {
        if (
            d.JobSkills.Any(s =>
                !string.IsNullOrWhiteSpace(s) && opening.Contains(s, StringComparison.OrdinalIgnoreCase)
            )
        )
        {
            return true;
        }
        var openingWords = Word()
            .Matches(opening)
            .Select(m => m.Value.Trim('.'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Word()
            .Matches(d.JobTitle)
            .Select(m => m.Value.Trim('.'))
            .Any(w => w.Length >= 4 && !CommonWords.Contains(w) && openingWords.Contains(w));
    }
}
