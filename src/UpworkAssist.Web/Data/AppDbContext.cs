using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using UpworkAssist.Web.Features.Api;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Features.Drafts;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Knowledge;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Features.Queue;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Routing.Webhooks;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Data;

/// <summary>
/// The one store. Features use it directly; there is no repository layer (docs/adr/0002). This
/// type is the SQLite store and its migrations' context; <see cref="PostgresAppDbContext"/> is the
/// same model on PostgreSQL with its own migrations (docs/adr/0007).
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options) { }

    protected AppDbContext(DbContextOptions options)
        : base(options) { }

    // Every entity, grouped by the feature that owns it (docs/architecture.md, "The store").
    public DbSet<Posting> Postings => Set<Posting>();
    public DbSet<MarketplaceConnection> MarketplaceConnections => Set<MarketplaceConnection>();
    public DbSet<FeedCursor> FeedCursors => Set<FeedCursor>();
    public DbSet<PollRun> PollRuns => Set<PollRun>();
    public DbSet<FeedGap> FeedGaps => Set<FeedGap>();
    public DbSet<MarketplaceRequest> MarketplaceRequests => Set<MarketplaceRequest>();
    public DbSet<MarketplaceRequestDay> MarketplaceRequestDays => Set<MarketplaceRequestDay>();

    public DbSet<Lane> Lanes => Set<Lane>();
    public DbSet<Match> Matches => Set<Match>();

    public DbSet<FilterPreset> FilterPresets => Set<FilterPreset>();

    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<AlertRoute> AlertRoutes => Set<AlertRoute>();
    public DbSet<ChannelThrottle> ChannelThrottles => Set<ChannelThrottle>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<DraftVersion> DraftVersions => Set<DraftVersion>();
    public DbSet<DraftTemplate> DraftTemplates => Set<DraftTemplate>();
    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();
    public DbSet<LaneDraftPolicy> LaneDraftPolicies => Set<LaneDraftPolicy>();
    public DbSet<FreelancerProfile> FreelancerProfiles => Set<FreelancerProfile>();
    public DbSet<ProofArtifact> ProofArtifacts => Set<ProofArtifact>();
    public DbSet<PaceOverride> PaceOverrides => Set<PaceOverride>();

    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<ProposalStageChange> ProposalStageChanges => Set<ProposalStageChange>();
    public DbSet<ProposalProgress> ProposalProgress => Set<ProposalProgress>();
    public DbSet<MarketplaceProposal> MarketplaceProposals => Set<MarketplaceProposal>();
    public DbSet<MarketplaceMember> MarketplaceMembers => Set<MarketplaceMember>();
    public DbSet<ProposalSyncSettings> ProposalSyncSettings => Set<ProposalSyncSettings>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<AutomationTool> AutomationTools => Set<AutomationTool>();
    public DbSet<AuditPlanStep> AuditPlanSteps => Set<AuditPlanStep>();
    public DbSet<ComplianceReview> ComplianceReviews => Set<ComplianceReview>();
    public DbSet<ReviewReminderSettings> ReviewReminderSettings => Set<ReviewReminderSettings>();
    public DbSet<SignalVerdict> SignalVerdicts => Set<SignalVerdict>();

    public DbSet<KnowledgePage> KnowledgePages => Set<KnowledgePage>();

    /// <summary>The Data Protection key ring when the store is shared (PostgreSQL); SQLite keeps it on disk.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StoreSignal> StoreSignals => Set<StoreSignal>();

    /// <summary>
    /// PostgreSQL only: a sequence every instance advances after it commits a write, and reads to
    /// learn of other instances' writes (Data/StoreVersion.cs). Not transactional, so writers never
    /// wait on each other for it.
    /// </summary>
    public const string StoreVersionSequence = "store_version";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            builder.HasSequence<long>(StoreVersionSequence);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no native instant or decimal type: store instants as UTC ticks and money
        // as REAL so that ordering and range filters run in SQL, not in memory. PostgreSQL keeps
        // the same representation (bigint, double precision), so the hand-written SQL and the
        // store copy's checksums see the same values on both (docs/adr/0007).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
        configurationBuilder.Properties<decimal?>().HaveConversion<double>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAuditTrail();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(
        bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken = default
    )
    {
        GuardAuditTrail();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The audit trail is append-only: the application never rewrites history.
    private void GuardAuditTrail()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEvent>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit events are append-only; they cannot be updated or deleted.");
            }
        }
    }

    private sealed class UtcTicksConverter()
        : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}

/// <summary>The same store on PostgreSQL; only its migrations (Data/Migrations/Postgres) differ.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
