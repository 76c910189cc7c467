namespace UpworkAssist.Web.Features.Drafts;

/// <summary>
/// House rules for drafts and the human pace guard (section <c>Drafts</c>). The compliance
/// centre reads the same cap, so both pages judge pace by one number.
/// </summary>
public sealed class DraftingOptions
{
    public const string Section = "Drafts";

    /// <summary>Proposals one person may record per day before the pace guard blocks (warning from 80%).</summary>
    public int DailyProposalCap { get; set; } = 20;

    /// <summary>The phone-friendly length limit of a proposal, in characters.</summary>
    public int MaxLength { get; set; } = 1200;

    /// <summary>How long the opening (what the client sees in the list) may be.</summary>
    public int OpeningMaxLength { get; set; } = 200;

    /// <summary>Phrases a proposal must not contain (case-insensitive).</summary>
    public List<string> BannedPhrases { get; set; } = [];
}
