using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>One move of a proposal from one stage to another, by a person. The Sent stage's time is Proposal.SentAt.</summary>
public sealed class ProposalStageChange
{
    public long Id { get; set; }
    public long ProposalId { get; set; }
    public ProposalStage From { get; set; }
    public ProposalStage To { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ById { get; set; }
    public string? Note { get; set; }
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
        b.HasOne<Proposal>().WithOne().HasForeignKey<ProposalProgress>(p => p.ProposalId).OnDelete(DeleteBehavior.Cascade);
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
            p.SentAt, p.FreelancerId, p.LaneId, p.TemplateId, p.PostingPublishedAt, p.ApplicantsAtSend,
            p.BudgetAtSend, p.ContractType, p.ConnectsSpent, p.EditDistance, p.RevenueEarned,
        }).HasDatabaseName("IX_Proposals_Analytics");
        b.HasIndex(p => p.UpdatedAt);
        b.HasIndex(p => p.TemplateId);
    }
}
