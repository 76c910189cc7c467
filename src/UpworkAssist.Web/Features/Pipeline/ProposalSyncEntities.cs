using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>How a Proposal came to be: recorded with "I sent it", or found by the sync with nobody's record.</summary>
public enum ProposalOrigin
{
    Recorded,
    Outside,
}

/// <summary>
/// One proposal as the marketplace's `vendorProposals` reports it: the team's own record of what
/// it sent (ids, status, times, sender, rate), not marketplace content, so the 24-hour rule does
/// not purge it. No job text is kept: the job is only its numeric id (docs/pipeline.md "Sync").
/// </summary>
public sealed class MarketplaceProposal
{
    /// <summary>The marketplace's proposal id.</summary>
    public required string Id { get; set; }

    /// <summary>The posting's numeric id (`marketplaceJobPosting.id`), not its ciphertext.</summary>
    public string? JobId { get; set; }
    public required string Status { get; set; }
    public string? ReasonId { get; set; }
    public string? Reason { get; set; }
    public bool ViewedByClient { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? ModifiedAt { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? OrganizationId { get; set; }
    public string? OrganizationName { get; set; }
    public decimal? ChargeRate { get; set; }
    public string? ChargeCurrency { get; set; }

    /// <summary>
    /// The pipeline's Proposal this one is (recorded by a person, or made by the sync as sent outside).
    /// </summary>
    public long? ProposalId { get; set; }

    /// <summary>
    /// The stage the sync last derived from the facts; a person's edit is kept until the facts move on.
    /// </summary>
    public ProposalStage? SyncedStage { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>A marketplace user who sends the team's proposals, mapped once by an Admin to a team member.</summary>
public sealed class MarketplaceMember
{
    public required string MarketplaceUserId { get; set; }
    public string Name { get; set; } = "";
    public string? AppUserId { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
}

/// <summary>
/// The sync's one settings row (Id 1): set by an Admin on /Pipeline/Sync, with the last run's outcome.
/// </summary>
public sealed class ProposalSyncSettings
{
    public const int DefaultIntervalMinutes = 15;

    public int Id { get; set; } = 1;
    public bool Enabled { get; set; }

    /// <summary>Minutes, not a TimeSpan, so both store providers hold the same plain integer.</summary>
    public int IntervalMinutes { get; set; } = DefaultIntervalMinutes;
    public DateTimeOffset? LastRunAt { get; set; }

    /// <summary>The last run that read every status to the end: only then may "not found" be judged.</summary>
    public DateTimeOffset? LastCompleteAt { get; set; }
    public string? LastError { get; set; }
    public string? LastSummary { get; set; }
}

internal sealed class MarketplaceProposalConfiguration : IEntityTypeConfiguration<MarketplaceProposal>
{
    public void Configure(EntityTypeBuilder<MarketplaceProposal> b)
    {
        b.Property(p => p.Id).HasMaxLength(64);
        b.Property(p => p.JobId).HasMaxLength(64);
        b.Property(p => p.Status).HasMaxLength(20);
        b.Property(p => p.ReasonId).HasMaxLength(64);
        b.Property(p => p.Reason).HasMaxLength(300);
        b.Property(p => p.UserId).HasMaxLength(64);
        b.Property(p => p.UserName).HasMaxLength(200);
        b.Property(p => p.OrganizationId).HasMaxLength(64);
        b.Property(p => p.OrganizationName).HasMaxLength(200);
        b.Property(p => p.ChargeCurrency).HasMaxLength(8);
        b.Property(p => p.SyncedStage).HasConversion<string>().HasMaxLength(12);
        b.HasIndex(p => p.ProposalId).IsUnique();
        b.HasIndex(p => p.JobId);
        b.HasIndex(p => p.CreatedAt);
        b.HasOne<Proposal>().WithMany().HasForeignKey(p => p.ProposalId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MarketplaceMemberConfiguration : IEntityTypeConfiguration<MarketplaceMember>
{
    public void Configure(EntityTypeBuilder<MarketplaceMember> b)
    {
        b.HasKey(m => m.MarketplaceUserId);
        b.Property(m => m.MarketplaceUserId).HasMaxLength(64);
        b.Property(m => m.Name).HasMaxLength(200);
        b.HasOne<AppUser>().WithMany().HasForeignKey(m => m.AppUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ProposalSyncSettingsConfiguration : IEntityTypeConfiguration<ProposalSyncSettings>
{
    public void Configure(EntityTypeBuilder<ProposalSyncSettings> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.LastError).HasMaxLength(500);
        b.Property(s => s.LastSummary).HasMaxLength(300);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_ProposalSyncSettings_One", "\"Id\" = 1");
            t.HasCheckConstraint("CK_ProposalSyncSettings_Interval", "\"IntervalMinutes\" BETWEEN 5 AND 1440");
        });
    }
}
