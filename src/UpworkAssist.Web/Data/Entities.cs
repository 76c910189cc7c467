using Microsoft.AspNetCore.Identity;

namespace UpworkAssist.Web.Data;

// Store entities. They are classes because EF Core tracks and mutates them; inputs and
// view models elsewhere are records. Later features extend these with migrations.

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A disabled account cannot sign in, and its access tokens stop working.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>The IANA zone pages show times in; null follows the browser's own.</summary>
    public string? TimeZone { get; set; }
}

public enum PostingType { Fixed, Hourly }

public enum FeedSource { Demo, Api }

/// <summary>Client facts as the marketplace reports them; every one may be unknown.</summary>
public sealed record ClientFacts(
    string? Country, bool? PaymentVerified, decimal? TotalSpent, int? TotalHires, double? Rating, int? ReviewsCount);

/// <summary>A job posting from the feed, keyed by the marketplace's ciphertext.</summary>
public sealed class Posting
{
    public required string Id { get; set; }
    public string? MarketplaceId { get; set; }
    public string? Url { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public PostingType Type { get; set; }
    public decimal? FixedBudget { get; set; }
    public decimal? HourlyMin { get; set; }
    public decimal? HourlyMax { get; set; }
    public string? ExperienceLevel { get; set; }
    public List<string> Skills { get; set; } = [];
    public string? Category { get; set; }
    public int? TotalApplicants { get; set; }
    public ClientFacts Client { get; set; } = new(null, null, null, null, null, null);

    // Facts the API offers beside the RULES.md job (UPWORK_API.md); shown, not matched on.
    /// <summary>When the client last renewed (bumped) the posting; null when never.</summary>
    public DateTimeOffset? RenewedAt { get; set; }
    /// <summary>Openings left; 0 means the client has filled the job.</summary>
    public int? FreelancersToHire { get; set; }
    public bool? Enterprise { get; set; }
    /// <summary>Someone on the connected account already applied.</summary>
    public bool? Applied { get; set; }
    public DateTimeOffset? ClientMemberSince { get; set; }
    public bool? ClientHasFinancialPrivacy { get; set; }

    public FeedSource Source { get; set; }
    public DateTimeOffset FetchedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When marketplace content was removed under the 24-hour caching rule.</summary>
    public DateTimeOffset? ContentPurgedAt { get; set; }

    /// <summary>When a person first acted on it; such postings keep their id and link past retention.</summary>
    public DateTimeOffset? ActedOnAt { get; set; }
}

/// <summary>The facts the API offers beside the RULES.md job, as the queue and the job page show them.</summary>
public sealed record PostingFacts(DateTimeOffset? RenewedAt, int? FreelancersToHire, bool? Enterprise, bool? Applied, DateTimeOffset? ClientMemberSince, bool? ClientHasFinancialPrivacy)
{
    public static PostingFacts Of(Posting p) => new(p.RenewedAt, p.FreelancersToHire, p.Enterprise, p.Applied, p.ClientMemberSince, p.ClientHasFinancialPrivacy);

    /// <summary>Short labels, the ones that change a decision first.</summary>
    public IEnumerable<(string Label, string Title)> Labels()
    {
        if (Applied == true) yield return ("already applied from this account", "Someone on the connected Upwork account has already applied to this job.");
        if (FreelancersToHire == 0) yield return ("filled", "The client has no openings left on this job.");
        if (RenewedAt is { } renewed) yield return ("renewed", $"The client renewed (bumped) this posting at {renewed:u}; it was first published earlier.");
        if (Enterprise == true) yield return ("enterprise", "An Upwork Enterprise client.");
        if (ClientMemberSince is { } since) yield return ($"client since {since:yyyy}", $"Member of the marketplace since {since:yyyy-MM-dd}.");
        if (ClientHasFinancialPrivacy == true) yield return ("spend private", "The client keeps its spend private, so the spend shown may be missing.");
    }
}

/// <summary>An ideal-customer filter. The rules themselves are kept as the RULES.md lane JSON.</summary>
public sealed class Lane
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public bool Enabled { get; set; } = true;
    public string RulesJson { get; set; } = "{}";

    /// <summary>An optional marketplace full-text search that narrows what the feed fetches for this lane.</summary>
    public string? SearchExpression { get; set; }

    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

public enum MatchStatus { New, Shortlisted, Dismissed, Snoozed, Assigned }

/// <summary>A posting that a lane matched, with the evidence for the decision.</summary>
public sealed class Match
{
    public long Id { get; set; }
    public required string PostingId { get; set; }
    public required string LaneId { get; set; }
    /// <summary>The lane's include keywords found in the posting, as the rules engine reported them.</summary>
    public List<string> MatchedKeywords { get; set; } = [];
    public double Score { get; set; }
    public DateTimeOffset MatchedAt { get; set; }
    public MatchStatus Status { get; set; }
    public string? AssigneeId { get; set; }
    public DateTimeOffset? SnoozedUntil { get; set; }

    /// <summary>Why a person dismissed it; feeds the lane's quality figures.</summary>
    public string? DismissReason { get; set; }

    /// <summary>Who last changed the status, and when: what a conflicting lead is told.</summary>
    public DateTimeOffset? StatusChangedAt { get; set; }
    public string? StatusChangedBy { get; set; }
    public int Version { get; set; }
    public Posting? Posting { get; set; }
    public Lane? Lane { get; set; }
}

public enum AlertChannel { InApp, Slack, Email }

public enum AlertStatus { Pending, Held, Delivered, Failed, Paused }

/// <summary>One delivery of a match to one route target: the outbox row.</summary>
public sealed class Alert
{
    public long Id { get; set; }
    public long MatchId { get; set; }
    public AlertChannel Channel { get; set; }
    public required string Target { get; set; }
    public AlertStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
    public Match? Match { get; set; }

    /// <summary>The route that planned it; null for the in-app queue or after the route was deleted.</summary>
    public long? RouteId { get; set; }

    /// <summary>Waits for the route's digest instead of going out alone.</summary>
    public bool IsDigest { get; set; }

    // Copied when planned so latency survives content retention and re-matching.
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset FetchedAt { get; set; }
    public DateTimeOffset MatchedAt { get; set; }
}

public enum RouteKind { Slack, Email }

public enum RouteMode { Immediate, Hourly, Daily }

/// <summary>Where a lane's matches go besides the in-app queue: a Slack channel or e-mail addresses.</summary>
public sealed class AlertRoute
{
    public long Id { get; set; }
    public required string LaneId { get; set; }
    public RouteKind Kind { get; set; }

    /// <summary>Slack webhook URL or bot token, encrypted with Data Protection; never shown or logged.</summary>
    public string? SecretProtected { get; set; }

    /// <summary>Masked, human-readable form of the secret for pages (e.g. "hooks.slack.com/…/abcd").</summary>
    public string? SecretHint { get; set; }
    public string? SlackChannel { get; set; }

    /// <summary>E-mail addresses, comma-separated.</summary>
    public string? EmailTo { get; set; }

    /// <summary>The Slack delivery key (webhook hash or channel); e-mail targets are per address.</summary>
    public string? SlackTarget { get; set; }
    public RouteMode Mode { get; set; }
    public TimeOnly? DigestAt { get; set; }
    public TimeOnly? QuietFrom { get; set; }
    public TimeOnly? QuietTo { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public bool Enabled { get; set; } = true;
    public DateTimeOffset? PausedAt { get; set; }
    public string? PausedReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Lane? Lane { get; set; }
}

/// <summary>Per delivery target: when the next message may go (rate limit, Retry-After, backoff).</summary>
public sealed class ChannelThrottle
{
    public required string Target { get; set; }
    public DateTimeOffset NextAllowedAt { get; set; }
    public int Failures { get; set; }
}

public enum DraftStatus { Editing, Approved, Sent }

/// <summary>A proposal draft a freelancer edits and sends by hand.</summary>
public sealed class Draft
{
    public long Id { get; set; }
    public required string PostingId { get; set; }
    public string? LaneId { get; set; }
    public required string FreelancerId { get; set; }
    public string Drafter { get; set; } = "Template";
    public string GeneratedText { get; set; } = "";
    public string Text { get; set; } = "";
    public DraftStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ApprovedById { get; set; }
    public int Version { get; set; }

    // Added by issue 7 (drafts): where the draft came from and what drafting it cost.
    public long? TemplateId { get; set; }
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }
    public long? LatencyMs { get; set; }
    /// <summary>Generated → current text, kept for analytics.</summary>
    public int EditDistance { get; set; }
    /// <summary>Set when the draft's lane required a lead's approval as well as the freelancer's.</summary>
    public bool RequiresLeadApproval { get; set; }
    public DateTimeOffset? LeadApprovedAt { get; set; }
    public string? LeadApprovedById { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

public enum ProposalStage { Sent, Viewed, Replied, Interview, Shortlisted, Hired, Lost, Withdrawn }

/// <summary>A proposal a person sent by hand; the team's own record, kept after content retention.</summary>
public sealed class Proposal
{
    public long Id { get; set; }
    public required string PostingId { get; set; }
    public string? PostingUrl { get; set; }
    public long? DraftId { get; set; }
    public required string FreelancerId { get; set; }
    public string? LaneId { get; set; }

    /// <summary>The template the draft started from, for per-template analytics.</summary>
    public long? TemplateId { get; set; }

    // Copied at send so speed-to-lead and the pipeline survive the posting's content retention.
    public string PostingTitle { get; set; } = "";
    public DateTimeOffset? PostingPublishedAt { get; set; }
    public int? ApplicantsAtSend { get; set; }
    public decimal? BudgetAtSend { get; set; }
    public PostingType? ContractType { get; set; }

    public DateTimeOffset SentAt { get; set; }
    public ProposalStage Stage { get; set; }
    public int? ConnectsSpent { get; set; }
    public string FinalText { get; set; } = "";
    public int? EditDistance { get; set; }
    public decimal? ContractValue { get; set; }

    /// <summary>Revenue earned so far on the contract, updated by people as it is paid.</summary>
    public decimal? RevenueEarned { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Who did what to which subject, when and from where. Never updated or deleted.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public string? SubjectType { get; set; }
    public string? SubjectId { get; set; }
    public string? Details { get; set; }
    public string? IpAddress { get; set; }
}

/// <summary>A personal access token for the JSON API; only its SHA-256 hash is stored.</summary>
public sealed class AccessToken
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public AppUser? User { get; set; }
}
