using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpworkAssist.Web.Features.Compliance;

public enum ToolDecision
{
    Undecided,
    Keep,
    Disable,
    Replace,
}

/// <summary>A tool, extension or script the team uses with the marketplace, with its questionnaire answers.</summary>
public sealed class AutomationTool
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Purpose { get; set; }
    public string? Owner { get; set; }

    // The questionnaire: any "yes" makes the tool risky (ToolAssessment).
    public bool AutoSubmits { get; set; }
    public bool Scrapes { get; set; }
    public bool LogsInAsYou { get; set; }
    public bool MessagesClients { get; set; }
    public bool BypassesLimits { get; set; }

    public ToolDecision Decision { get; set; }
    public string? Notes { get; set; }

    /// <summary>UpworkAssist's own row, seeded at start-up: its answers are facts of the code, not opinions.</summary>
    public bool IsBuiltIn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One ticked step of the audit plan. One team per installation, so the step key is the whole key.</summary>
public sealed class AuditPlanStep
{
    public required string Key { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
    public string? CompletedById { get; set; }
    public string CompletedByName { get; set; } = "";
    public string? Note { get; set; }
}

/// <summary>The review of one calendar quarter: opened by the job when due, completed by an Admin.</summary>
public sealed class ComplianceReview
{
    public long Id { get; set; }

    /// <summary>"2026-Q4": at most one review per quarter.</summary>
    public required string Quarter { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset? LastRemindedAt { get; set; }
    public string? LastReminder { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedById { get; set; }
    public string? CompletedByName { get; set; }
    public string? Notes { get; set; }
}

/// <summary>
/// How Admins want the quarterly review reminder (row 1): e-mail to every Admin and/or a Slack channel.
/// </summary>
public sealed class ReviewReminderSettings
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    public bool EmailAdmins { get; set; } = true;

    /// <summary>Slack webhook URL or bot token, encrypted like route secrets; never shown.</summary>
    public string? SlackSecretProtected { get; set; }
    public string? SlackSecretHint { get; set; }
    public string? SlackChannel { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

internal sealed class AutomationToolConfiguration : IEntityTypeConfiguration<AutomationTool>
{
    public void Configure(EntityTypeBuilder<AutomationTool> b)
    {
        b.ToTable("AutomationTools");
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Purpose).HasMaxLength(1000);
        b.Property(t => t.Owner).HasMaxLength(200);
        b.Property(t => t.Notes).HasMaxLength(2000);
        b.Property(t => t.Decision).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(t => t.Name).IsUnique();
    }
}

internal sealed class AuditPlanStepConfiguration : IEntityTypeConfiguration<AuditPlanStep>
{
    public void Configure(EntityTypeBuilder<AuditPlanStep> b)
    {
        b.ToTable("AuditPlanSteps");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(40);
        b.Property(s => s.CompletedByName).HasMaxLength(256);
        b.Property(s => s.Note).HasMaxLength(1000);
    }
}

internal sealed class ComplianceReviewConfiguration : IEntityTypeConfiguration<ComplianceReview>
{
    public void Configure(EntityTypeBuilder<ComplianceReview> b)
    {
        b.ToTable("ComplianceReviews");
        b.Property(r => r.Quarter).HasMaxLength(7);
        b.HasIndex(r => r.Quarter).IsUnique();
        b.Property(r => r.OpenedBy).HasMaxLength(256);
        b.Property(r => r.LastReminder).HasMaxLength(1000);
        b.Property(r => r.CompletedByName).HasMaxLength(256);
        b.Property(r => r.Notes).HasMaxLength(4000);
    }
}

internal sealed class ReviewReminderSettingsConfiguration : IEntityTypeConfiguration<ReviewReminderSettings>
{
    public void Configure(EntityTypeBuilder<ReviewReminderSettings> b)
    {
        b.ToTable("ReviewReminderSettings");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.SlackSecretHint).HasMaxLength(100);
        b.Property(s => s.SlackChannel).HasMaxLength(100);
        b.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}
