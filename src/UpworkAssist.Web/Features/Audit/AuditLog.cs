using System.Security.Claims;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Audit;

/// <summary>
/// The one way every feature records who did what. Rows are added to the caller's DbContext so
/// an action and its audit row commit together; <see cref="RecordAsync"/> saves at once.
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public const string System = "system";

    public AuditEvent Add(
        string action,
        string? subjectType = null,
        string? subjectId = null,
        string? details = null,
        ClaimsPrincipal? actor = null
    )
    {
        var context = http.HttpContext;
        var user = actor ?? context?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        var audit = new AuditEvent
        {
            At = clock.GetUtcNow(),
            ActorId = signedIn ? user!.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            ActorName = signedIn ? user!.Identity!.Name ?? "unknown" : (context is null ? System : "anonymous"),
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Details = details is { Length: > 2000 } ? details[..2000] : details,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
        };
        db.AuditEvents.Add(audit);
        return audit;
    }

    public async Task RecordAsync(
        string action,
        string? subjectType = null,
        string? subjectId = null,
        string? details = null,
        ClaimsPrincipal? actor = null,
        CancellationToken ct = default
    )
    {
        Add(action, subjectType, subjectId, details, actor);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Audit action names, so filters and reports can rely on them.</summary>
public static class AuditActions
{
    public const string SetupAdminCreated = "setup.admin_created";
    public const string BootstrapAdminCreated = "bootstrap.admin_created";
    public const string LoginSucceeded = "account.login_succeeded";
    public const string LoginFailed = "account.login_failed";
    public const string LockedOut = "account.locked_out";
    public const string Logout = "account.logout";
    public const string PasswordChanged = "account.password_changed";
    public const string UserCreated = "user.created";
    public const string UserRolesChanged = "user.roles_changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserUnlocked = "user.unlocked";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string TimeZoneChanged = "user.time_zone_changed";
    public const string MatchShortlisted = "match.shortlisted";
    public const string MatchDismissed = "match.dismissed";
    public const string MatchSnoozed = "match.snoozed";
    public const string MatchAssigned = "match.assigned";
    public const string MatchClaimed = "match.claimed";
    public const string MatchReopened = "match.reopened";
    public const string MatchSnoozeEnded = "match.snooze_ended";
    public const string FilterPresetSaved = "queue.preset_saved";
    public const string FilterPresetDeleted = "queue.preset_deleted";
    public const string ProposalStageChanged = "proposal.stage_changed";
    public const string ProposalFoundOutside = "proposal.found_outside";
    public const string ProposalLinked = "proposal.linked";
    public const string ProposalSyncRan = "proposal_sync.ran";
    public const string ProposalSyncFailed = "proposal_sync.failed";
    public const string ProposalSyncSettingsChanged = "proposal_sync.settings_changed";
    public const string MarketplaceMemberMapped = "proposal_sync.member_mapped";
    public const string ProposalContractUpdated = "proposal.contract_updated";
    public const string DraftGenerated = "draft.generated";
    public const string DraftDrafterFailed = "draft.drafter_failed";
    public const string DraftEdited = "draft.edited";
    public const string DraftApproved = "draft.approved";
    public const string DraftLeadApproved = "draft.lead_approved";
    public const string DraftReopened = "draft.reopened";
    public const string DraftCopied = "draft.copied";
    public const string DraftOpenedJob = "draft.opened_job";
    public const string ProposalSent = "proposal.sent";
    public const string PaceBlocked = "pace.blocked";
    public const string PaceLifted = "pace.lifted";
    public const string ProfileSaved = "profile.saved";
    public const string TemplateSaved = "template.saved";
    public const string LaneDraftPolicySaved = "lane.draft_policy_saved";
    public const string ToolCreated = "compliance.tool_created";
    public const string ToolUpdated = "compliance.tool_updated";
    public const string ToolDeleted = "compliance.tool_deleted";
    public const string PlanStepDone = "compliance.plan_step_done";
    public const string PlanStepUndone = "compliance.plan_step_undone";
    public const string ReviewOpened = "compliance.review_opened";
    public const string ReviewReminded = "compliance.review_reminded";
    public const string ReviewCompleted = "compliance.review_completed";
    public const string FeedGapAlerted = "compliance.feed_gap_alerted";
    public const string TokenAgeAlerted = "compliance.token_age_alerted";
    public const string ReminderRoutesChanged = "compliance.reminder_routes_changed";
    public const string ComplianceExported = "compliance.exported";
    public const string KnowledgePageCreated = "knowledge.page_created";
    public const string KnowledgePageUpdated = "knowledge.page_updated";
    public const string KnowledgePageDeleted = "knowledge.page_deleted";
}

public static class AuditSetup
{
    /// <summary>The audit trail every feature writes to, and the names and links its page shows.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddScoped<AuditLog>().AddScoped<AuditSubjects>();

    /// <summary>Lets the audit page name a feature's subjects (see <see cref="IAuditSubjectNamer"/>).</summary>
    public static IServiceCollection AddAuditSubjects<T>(this IServiceCollection services)
        where T : class, IAuditSubjectNamer => services.AddScoped<IAuditSubjectNamer, T>();
}

/// <summary>Reads subject ids that are numbers; anything else cannot name a row and is skipped.</summary>
public static class AuditIds
{
    public static List<long> Numbers(IEnumerable<string> ids) =>
        [
            .. ids.Select(i =>
                    long.TryParse(
                        i,
                        System.Globalization.NumberStyles.None,
                        System.Globalization.CultureInfo.InvariantCulture,
                        out var n
                    )
                        ? n
                        : -1
                )
                .Where(n => n >= 0),
        ];

    public static string Text(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
