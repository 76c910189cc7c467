using System.Globalization;
using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.WebUtilities;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Queue;

/// <summary>
/// What the queue shows, bound from the query string so every view is a link that can be saved
/// as a preset or shared. <see cref="After"/> is the keyset cursor of the next page.
/// </summary>
public sealed class QueueFilter
{
    public const string AllStatuses = "All";

    /// <summary>Work still to do: new, shortlisted or assigned (not dismissed, not snoozed).</summary>
    public const string OpenStatuses = "Open";
    public static readonly IReadOnlyList<MatchStatus> OpenSet =
    [
        MatchStatus.New,
        MatchStatus.Shortlisted,
        MatchStatus.Assigned,
    ];
    public const string Me = "me";
    public const string Unassigned = "none";

    public string? Lane { get; set; }

    /// <summary>
    /// A <see cref="MatchStatus"/> name, "Open" or "All". Empty is each person's usual view: New
    /// for those who triage, Open for a freelancer, whose jobs are assigned (never New) to them.
    /// </summary>
    public string? Status { get; set; }

    /// <summary>The status the view selects, the default resolved for this person.</summary>
    public string EffectiveStatus(bool assignedOnly) =>
        !string.IsNullOrEmpty(Status) ? Status
        : assignedOnly ? OpenStatuses
        : nameof(MatchStatus.New);

    /// <summary>Applies to the fixed budget of fixed-price jobs and to the top hourly rate of hourly ones.</summary>
    public decimal? BudgetMin { get; set; }
    public decimal? BudgetMax { get; set; }
    public bool Verified { get; set; }

    /// <summary>"me", "none" or a user id.</summary>
    public string? Assignee { get; set; }

    /// <summary>Only jobs published at most this many hours ago.</summary>
    public int? MaxAgeHours { get; set; }

    /// <summary>
    /// Hides jobs the client has filled (no openings left) and jobs someone on this account already applied to.
    /// </summary>
    public bool HideClosed { get; set; }

    /// <summary>Only these matches (comma-separated ids): the link from a catch-up alert.</summary>
    public string? Matches { get; set; }

    /// <summary>
    /// Only jobs nobody acted on whose content the retention rule removes within <see cref="ExpiringWithin"/>.
    /// </summary>
    public bool Expiring { get; set; }

    public static readonly TimeSpan ExpiringWithin = TimeSpan.FromHours(3);

    public string? After { get; set; }

    public const int MaxMatchIds = 100;

    /// <summary>The ids of <see cref="Matches"/>; null when absent, empty when none is a valid id.</summary>
    public IReadOnlyList<long>? MatchIds =>
        string.IsNullOrWhiteSpace(Matches)
            ? null
            : Matches
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
                .Where(id => id > 0)
                .Distinct()
                .Take(MaxMatchIds)
                .ToList();

    public static readonly IReadOnlyList<int> AgeChoices = [1, 6, 24, 72, 168];

    /// <summary>The filter as a query string (without the cursor), for presets and links.</summary>
    public string ToQuery(string? after = null)
    {
        var pairs = new Dictionary<string, string?>
        {
            ["lane"] = Lane,
            ["status"] = Status,
            ["budgetMin"] = BudgetMin?.ToString(CultureInfo.InvariantCulture),
            ["budgetMax"] = BudgetMax?.ToString(CultureInfo.InvariantCulture),
            ["verified"] = Verified ? "true" : null,
            ["assignee"] = Assignee,
            ["maxAgeHours"] = MaxAgeHours?.ToString(CultureInfo.InvariantCulture),
            ["hideClosed"] = HideClosed ? "true" : null,
            ["matches"] = Matches,
            ["expiring"] = Expiring ? "true" : null,
            ["after"] = after,
        };
        return QueryHelpers.AddQueryString("", pairs.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    public bool IsDefault => ToQuery().Length == 0;
}

/// <summary>The keyset position: the last row's match time and id.</summary>
public readonly record struct QueueCursor(long MatchedAtTicks, long Id)
{
    public override string ToString() => WebEncoders.Base64UrlEncode(Encoding.ASCII.GetBytes($"{MatchedAtTicks}.{Id}"));

    public static bool TryParse(string? text, out QueueCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
            return false;
        try
        {
            var parts = Encoding.ASCII.GetString(WebEncoders.Base64UrlDecode(text)).Split('.');
            if (
                parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            )
            {
                cursor = new QueueCursor(ticks, id);
                return true;
            }
        }
        catch (FormatException) { }
        return false;
    }
}

public sealed class QueueFilterValidator : AbstractValidator<QueueFilter>
{
    public QueueFilterValidator()
    {
        RuleFor(f => f.Status)
            .Must(s =>
                string.IsNullOrEmpty(s)
                || s == QueueFilter.AllStatuses
                || s == QueueFilter.OpenStatuses
                || (Enum.TryParse<MatchStatus>(s, false, out var v) && Enum.IsDefined(v))
            )
            .WithMessage("Choose a status from the list.");
        RuleFor(f => f.BudgetMin).GreaterThanOrEqualTo(0).WithMessage("The minimum budget cannot be negative.");
        RuleFor(f => f.BudgetMax).GreaterThanOrEqualTo(0).WithMessage("The maximum budget cannot be negative.");
        RuleFor(f => f.BudgetMax)
            .GreaterThanOrEqualTo(f => f.BudgetMin!.Value)
            .When(f => f.BudgetMin is not null && f.BudgetMax is not null)
            .WithMessage("The maximum budget must be at least the minimum.");
        RuleFor(f => f.MaxAgeHours).InclusiveBetween(1, 24 * 30).WithMessage("Age must be between 1 hour and 30 days.");
        RuleFor(f => f.Lane).MaximumLength(64);
        RuleFor(f => f.Matches).MaximumLength(2000).WithMessage("Too many matches in one link.");
        RuleFor(f => f.Assignee).MaximumLength(64);
        RuleFor(f => f.After)
            .Must(a => string.IsNullOrEmpty(a) || QueueCursor.TryParse(a, out _))
            .WithMessage("That page link is not valid any more; start from the first page.");
    }
}
