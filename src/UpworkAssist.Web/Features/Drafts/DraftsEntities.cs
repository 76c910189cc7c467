using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Drafts;

public enum DraftStatus
{
    Editing,
    Approved,
    Sent,
}

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

/// <summary>What a freelancer tells the drafters about themselves (one row per user).</summary>
public sealed class FreelancerProfile
{
    public required string UserId { get; set; }

    /// <summary>Comma-separated, strongest first: the first is <c>{{top_skill}}</c>.</summary>
    public string Skills { get; set; } = "";
    public string Bio { get; set; } = "";
    public decimal? HourlyRate { get; set; }
    public decimal? MinFixedPrice { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> SkillList =>
        Skills.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public enum ProofKind
{
    Loom,
    Portfolio,
    CaseStudy,
    Other,
}

/// <summary>A labelled piece of proof (a Loom video, a portfolio link, a case study) a proposal may point to.</summary>
public sealed class ProofArtifact
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public ProofKind Kind { get; set; }
    public required string Label { get; set; }
    public required string Url { get; set; }
}

public enum TemplateKind
{
    Proposal,
    Snippet,
    Example,
    MicroMilestone,
    DiscoveryCall,
}

/// <summary>
/// A reusable proposal template or snippet; every save keeps the previous body as a <see cref="TemplateVersion"/>.
/// </summary>
public sealed class DraftTemplate
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public TemplateKind Kind { get; set; }

    /// <summary>The lane it is tagged for; null means any lane.</summary>
    public string? LaneId { get; set; }
    public string Body { get; set; } = "";

    /// <summary>Why the template is written the way it is (the annotations of example proposals).</summary>
    public string Notes { get; set; } = "";
    public int Version { get; set; } = 1;
    public bool Archived { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
}

public sealed class TemplateVersion
{
    public long Id { get; set; }
    public long TemplateId { get; set; }
    public int Version { get; set; }
    public string Body { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
    public string? SavedById { get; set; }
}

/// <summary>One autosaved state of a draft's text, newest last.</summary>
public sealed class DraftVersion
{
    public long Id { get; set; }
    public long DraftId { get; set; }
    public int Number { get; set; }
    public string Text { get; set; } = "";
    public int EditDistance { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>
/// Per-lane drafting rules, kept apart from the Lane row so lane editing stays the lanes feature's own.
/// </summary>
public sealed class LaneDraftPolicy
{
    public required string LaneId { get; set; }
    public bool RequiresLeadApproval { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An Admin or Lead lifting one person's daily pace cap for one (UTC) day, with the reason.</summary>
public sealed class PaceOverride
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public DateOnly Day { get; set; }
    public required string ById { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class DraftsEntitiesConfiguration
    : IEntityTypeConfiguration<FreelancerProfile>,
        IEntityTypeConfiguration<ProofArtifact>,
        IEntityTypeConfiguration<DraftTemplate>,
        IEntityTypeConfiguration<TemplateVersion>,
        IEntityTypeConfiguration<DraftVersion>,
        IEntityTypeConfiguration<LaneDraftPolicy>,
        IEntityTypeConfiguration<PaceOverride>
{
    public void Configure(EntityTypeBuilder<FreelancerProfile> b)
    {
        b.HasKey(p => p.UserId);
        b.Property(p => p.Skills).HasMaxLength(500);
        b.Property(p => p.Bio).HasMaxLength(2000);
        b.Ignore(p => p.SkillList);
        b.HasOne<AppUser>().WithOne().HasForeignKey<FreelancerProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ProofArtifact> b)
    {
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(p => p.Label).HasMaxLength(100);
        b.Property(p => p.Url).HasMaxLength(500);
        b.HasIndex(p => p.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<DraftTemplate> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.LaneId).HasMaxLength(64);
        b.Property(t => t.Body).HasMaxLength(8000);
        b.Property(t => t.Notes).HasMaxLength(4000);
        b.Property(t => t.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<TemplateVersion> b)
    {
        b.HasIndex(v => new { v.TemplateId, v.Version }).IsUnique();
        b.HasOne<DraftTemplate>().WithMany().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<DraftVersion> b)
    {
        b.HasIndex(v => new { v.DraftId, v.Number }).IsUnique();
        b.HasOne<Draft>().WithMany().HasForeignKey(v => v.DraftId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<LaneDraftPolicy> b)
    {
        b.HasKey(p => p.LaneId);
        b.Property(p => p.LaneId).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<PaceOverride> b)
    {
        b.HasIndex(o => new { o.UserId, o.Day });
        b.Property(o => o.Reason).HasMaxLength(500);
    }
}

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> b)
    {
        b.Property(d => d.PostingId).HasMaxLength(64);
        b.Property(d => d.Drafter).HasMaxLength(20);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasIndex(d => new { d.FreelancerId, d.UpdatedAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(d => d.FreelancerId).OnDelete(DeleteBehavior.Restrict);
    }
}
