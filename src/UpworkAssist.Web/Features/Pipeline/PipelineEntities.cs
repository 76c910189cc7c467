using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Pipeline;

public enum ProposalStage
{
    Sent,
    Viewed,
    Replied,
    Interview,
    Shortlisted,
    Hired,
    Lost,
    Withdrawn,
}

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

    /// <summary>
    /// The posting's numeric marketplace id, kept at send so the sync can link what the marketplace reports.
    /// </summary>
    public string? MarketplaceJobId { get; set; }
    public ProposalOrigin Origin { get; set; }

    /// <summary>Whether the current stage was set by the proposal sync rather than a person.</summary>
    public bool StageFromSync { get; set; }
}

/// <summary>
/// One move of a proposal from one stage to another, by a person. The Sent stage's time is Proposal.SentAt.
/// </summary>
public sealed class ProposalStageChange
{
    public long Id { get; set; }
    public long ProposalId { get; set; }
    public ProposalStage From { get; set; }
    public ProposalStage To { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ById { get; set; }
    public string? Note { get; set; }

    /// <summary>Made by the proposal sync from the marketplace's facts (ById is then null).</summary>
    public bool BySync { get; set; }
}

/// <summary>
/// The milestones a proposal has reached, rolled up from its stage changes (one row per proposal
/// that ever left Sent), so the analytics read a row instead of replaying the history.
/// </summary>
public sealed class ProposalProgress
{
    public long ProposalId { get; set; }
    public DateTimeOffset? ViewedAt { get; set; }

    /// <summary>First substantive client reply (Replied or any later forward stage).</summary>
    public DateTimeOffset? RepliedAt { get; set; }

    /// <summary>Interview request, shortlist or scoping thread (Interview, Shortlisted or Hired).</summary>
    public DateTimeOffset? InterviewAt { get; set; }

    /// <summary>Funded contract.</summary>
    public DateTimeOffset? HiredAt { get; set; }
}

internal sealed class ProposalStageChangeConfiguration : IEntityTypeConfiguration<ProposalStageChange>
{
    public void Configure(EntityTypeBuilder<ProposalStageChange> b)
    {
        b.Property(c => c.From).HasConversion<string>().HasMaxLength(12);
        b.Property(c => c.To).HasConversion<string>().HasMaxLength(12);
        b.Property(c => c.Note).HasMaxLength(500);
        b.HasIndex(c => new { c.ProposalId, c.At });
        b.HasOne<Proposal>().WithMany().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.ById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ProposalProgressConfiguration : IEntityTypeConfiguration<ProposalProgress>
{
    public void Configure(EntityTypeBuilder<ProposalProgress> b)
    {
        b.HasKey(p => p.ProposalId);
        b.Property(p => p.ProposalId).ValueGeneratedNever();
        b.HasOne<Proposal>()
            .WithOne()
            .HasForeignKey<ProposalProgress>(p => p.ProposalId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The indexes the analytics need on the shared Proposal table (docs/performance.md "Analytics
/// page"): a covering index so a period's rows are read from the index alone, never from the
/// wide rows with the proposal text, and UpdatedAt for the report cache's change check.
/// </summary>
internal sealed class ProposalAnalyticsIndexes : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> b)
    {
        b.HasIndex(p => new
            {
                p.SentAt,
                p.FreelancerId,
                p.LaneId,
                p.TemplateId,
                p.PostingPublishedAt,
                p.ApplicantsAtSend,
                p.BudgetAtSend,
                p.ContractType,
                p.ConnectsSpent,
                p.EditDistance,
                p.RevenueEarned,
            })
            .HasDatabaseName("IX_Proposals_Analytics");
        b.HasIndex(p => p.UpdatedAt);
        b.HasIndex(p => p.TemplateId);
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> b)
    {
        // No foreign key to Posting: a proposal outlives the posting's content retention.
        b.Property(p => p.PostingId).HasMaxLength(64);
        b.Property(p => p.PostingUrl).HasMaxLength(300);
        b.Property(p => p.Stage).HasConversion<string>().HasMaxLength(12);
        b.Property(p => p.PostingTitle).HasMaxLength(500);
        b.Property(p => p.ContractType).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.MarketplaceJobId).HasMaxLength(64);
        b.Property(p => p.Origin).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(p => p.MarketplaceJobId);
        b.HasIndex(p => new { p.LaneId, p.SentAt });
        b.HasIndex(p => p.SentAt);
        b.HasIndex(p => new { p.FreelancerId, p.SentAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.FreelancerId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t =>
            t.HasCheckConstraint("CK_Proposal_Connects", "\"ConnectsSpent\" IS NULL OR \"ConnectsSpent\" >= 0")
        );
    }
}
