using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Queue;

public enum TriageAction
{
    Shortlist,
    Dismiss,
    Snooze,
    Assign,
    Claim,
    Reopen,
}

/// <summary>
/// One action on one match, carrying the version the person saw: if anyone changed the match
/// since, the action is refused with who did what, instead of silently overwriting it.
/// </summary>
public sealed record TriageInput
{
    public long MatchId { get; init; }
    public int Version { get; init; }

    /// <summary>Required: a request that names no action (a lost button value) must not default to one.</summary>
    public TriageAction? Action { get; init; }
    public string? Reason { get; init; }

    /// <summary>Snooze length in hours (a preset), or <see cref="Until"/> for an exact UTC time.</summary>
    public int? SnoozeHours { get; init; }
    public DateTime? Until { get; init; }
    public string? AssigneeId { get; init; }
}

public sealed record TriageOutcome(long MatchId, bool Done, string Message)
{
    public bool Conflict { get; init; }
}

public sealed class TriageInputValidator : AbstractValidator<TriageInput>
{
    public static readonly IReadOnlyList<string> DismissReasons =
    [
        "Budget too low",
        "Wrong skills",
        "Weak client",
        "Too many applicants",
        "Vague scope",
        "Not our kind of work",
        "Duplicate",
    ];

    public static readonly IReadOnlyList<int> SnoozeChoices = [1, 4, 24, 72, 168];

    public TriageInputValidator()
    {
        RuleFor(i => i.Action).NotNull().WithMessage("Choose an action.").IsInEnum().WithMessage("Choose an action.");
        RuleFor(i => i.Reason).MaximumLength(200).WithMessage("Keep the reason under 200 characters.");
        RuleFor(i => i.SnoozeHours)
            .Must(h => h is null || SnoozeChoices.Contains(h.Value))
            .WithMessage("Choose a snooze length from the list.");
        RuleFor(i => i)
            .Must(i => i.SnoozeHours is not null || i.Until is not null)
            .When(i => i.Action == TriageAction.Snooze)
            .WithName("Until")
            .WithMessage("Choose how long to snooze, or a time.");
        RuleFor(i => i.AssigneeId)
            .NotEmpty()
            .When(i => i.Action == TriageAction.Assign)
            .WithMessage("Choose who to assign it to.");
    }
}

/// <summary>Applies triage actions; each commits with its audit row, or not at all.</summary>
public sealed class Triage(
    AppDbContext db,
    AuditLog audit,
    TimeProvider clock,
    IValidator<TriageInput> validator,
    StoreCache cache,
    ITeamEvents events
)
{
    public static readonly TimeSpan MaxSnooze = TimeSpan.FromDays(30);

    public async Task<TriageOutcome> ApplyAsync(TriageInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var check = await validator.ValidateAsync(input, ct);
        if (!check.IsValid)
            return new TriageOutcome(input.MatchId, false, check.Errors[0].ErrorMessage);

        var match = await db.Matches.Include(m => m.Posting).SingleOrDefaultAsync(m => m.Id == input.MatchId, ct);
        if (match is null)
            return new TriageOutcome(
                input.MatchId,
                false,
                "This match no longer exists: its lane was deleted or its posting expired untouched."
            );
        if (match.Version != input.Version)
            return Conflicted(match);

        var now = clock.GetUtcNow();
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        string? details;
        switch (input.Action!.Value)
        {
            case TriageAction.Shortlist:
                Set(match, MatchStatus.Shortlisted);
                details = null;
                break;
            case TriageAction.Dismiss:
                Set(match, MatchStatus.Dismissed);
                match.DismissReason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
                details = match.DismissReason;
                break;
            case TriageAction.Snooze:
                var until = input.SnoozeHours is { } hours
                    ? now.AddHours(hours)
                    : new DateTimeOffset(DateTime.SpecifyKind(input.Until!.Value, DateTimeKind.Utc));
                if (until <= now || until > now + MaxSnooze)
                {
                    return new TriageOutcome(match.Id, false, "Snooze until a time in the next 30 days.");
                }
                Set(match, MatchStatus.Snoozed);
                match.SnoozedUntil = until;
                details = "until " + until.ToString("u", CultureInfo.InvariantCulture);
                break;
            case TriageAction.Assign or TriageAction.Claim:
                var assignee = input.Action == TriageAction.Claim ? me : input.AssigneeId!;
                if (input.Action == TriageAction.Claim && match.AssigneeId is { } owner && owner != me)
                {
                    return Conflicted(match) with
                    {
                        Message =
                            $"Already claimed by {await NameOfAsync(owner, ct)}. One owner at a time: ask them, or "
                            + $"a lead can reassign it.",
                    };
                }
                var person = await AssignableAsync(assignee, ct);
                if (person is null)
                    return new TriageOutcome(
                        match.Id,
                        false,
                        "That person cannot take assignments (not an active Freelancer, Lead or Admin)."
                    );
                Set(match, MatchStatus.Assigned);
                match.AssigneeId = person.Id;
                details = "to " + person.DisplayName;
                break;
            default:
                Set(match, MatchStatus.New);
                match.AssigneeId = null;
                details = null;
                break;
        }
        match.Version++;
        match.StatusChangedAt = now;
        match.StatusChangedBy = user.Identity?.Name;
        // Acting on a posting keeps its id and link past the 24-hour content retention.
        if (match.Posting is { ActedOnAt: null } posting)
            posting.ActedOnAt = now;
        audit.Add(
            AuditAction(input.Action.Value),
            "match",
            match.Id.ToString(CultureInfo.InvariantCulture),
            $"posting {match.PostingId}, lane {match.LaneId}" + (details is null ? "" : $": {details}")
        );
        // Commits with the change: automation hears of exactly the triage that was saved.
        await events.RaiseAsync(TriageEvents.For(match, user.Identity?.Name, now), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write.
            db.ChangeTracker.Clear();
            var current = await db.Matches.AsNoTracking().SingleOrDefaultAsync(m => m.Id == input.MatchId, ct);
            return current is null
                ? new TriageOutcome(input.MatchId, false, "This match no longer exists.")
                : Conflicted(current);
        }
        return new TriageOutcome(match.Id, true, Describe(input.Action.Value, details));
    }

    /// <summary>People a match can be assigned to: active Freelancers, Leads and Admins.</summary>
    /// <summary>Who a job can be assigned to; kept until the next store write (a user or role change is one).</summary>
    public Task<IReadOnlyList<Assignee>> AssigneesAsync(CancellationToken ct) =>
        cache.GetAsync<IReadOnlyList<Assignee>>(
            "queue:assignees",
            async () =>
                await Assignable()
                    .OrderBy(u => u.DisplayName)
                    .Select(u => new Assignee(u.Id, u.DisplayName))
                    .ToListAsync(ct)
        );

    private IQueryable<AppUser> Assignable()
    {
        var roleIds = db
            .Roles.Where(r => r.Name == Roles.Freelancer || r.Name == Roles.Lead || r.Name == Roles.Admin)
            .Select(r => r.Id);
        var userIds = db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        return db.Users.AsNoTracking().Where(u => !u.IsDisabled && userIds.Contains(u.Id));
    }

    private Task<AppUser?> AssignableAsync(string id, CancellationToken ct) =>
        Assignable().SingleOrDefaultAsync(u => u.Id == id, ct);

    private async Task<string> NameOfAsync(string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "someone";

    private static void Set(Match match, MatchStatus status)
    {
        match.Status = status;
        if (status != MatchStatus.Snoozed)
            match.SnoozedUntil = null;
        if (status != MatchStatus.Dismissed)
            match.DismissReason = null;
    }

    private static TriageOutcome Conflicted(Match current) =>
        new(
            current.Id,
            false,
            $"{current.StatusChangedBy ?? "Someone"} changed this to {current.Status} at "
                + (current.StatusChangedAt?.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "an earlier time")
                + ". Nothing was overwritten; review it and act again."
        )
        {
            Conflict = true,
        };

    private static string AuditAction(TriageAction action) =>
        action switch
        {
            TriageAction.Shortlist => AuditActions.MatchShortlisted,
            TriageAction.Dismiss => AuditActions.MatchDismissed,
            TriageAction.Snooze => AuditActions.MatchSnoozed,
            TriageAction.Assign => AuditActions.MatchAssigned,
            TriageAction.Claim => AuditActions.MatchClaimed,
            _ => AuditActions.MatchReopened,
        };

    private static string Describe(TriageAction action, string? details) =>
        action switch
        {
            TriageAction.Shortlist => "Shortlisted.",
            TriageAction.Dismiss => "Dismissed" + (details is null ? "." : $" ({details})."),
            TriageAction.Snooze => $"Snoozed {details}.",
            TriageAction.Assign => $"Assigned {details}.",
            TriageAction.Claim => "Claimed: it is yours.",
            _ => "Back in the queue.",
        };
}
