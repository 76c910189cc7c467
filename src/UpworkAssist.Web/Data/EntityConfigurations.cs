using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpworkAssist.Web.Data;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100).IsRequired();
        b.Property(u => u.TimeZone).HasMaxLength(64);
    }
}

internal sealed class PostingConfiguration : IEntityTypeConfiguration<Posting>
{
    public void Configure(EntityTypeBuilder<Posting> b)
    {
        b.Property(p => p.Id).HasMaxLength(64);
        b.Property(p => p.MarketplaceId).HasMaxLength(64);
        b.Property(p => p.Url).HasMaxLength(300);
        b.Property(p => p.Title).HasMaxLength(500).IsRequired();
        b.Property(p => p.Type).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.Source).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.ExperienceLevel).HasMaxLength(20);
        b.Property(p => p.Category).HasMaxLength(200);
        b.ComplexProperty(p => p.Client, c =>
        {
            c.Property(x => x.Country).HasColumnName("ClientCountry").HasMaxLength(100);
            c.Property(x => x.PaymentVerified).HasColumnName("ClientPaymentVerified");
            c.Property(x => x.TotalSpent).HasColumnName("ClientTotalSpent");
            c.Property(x => x.TotalHires).HasColumnName("ClientTotalHires");
            c.Property(x => x.Rating).HasColumnName("ClientRating");
            c.Property(x => x.ReviewsCount).HasColumnName("ClientReviewsCount");
        });
        b.HasIndex(p => p.PublishedAt);
        b.HasIndex(p => p.FetchedAt);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Posting_Budgets", "(FixedBudget IS NULL OR FixedBudget >= 0) AND (HourlyMin IS NULL OR HourlyMin >= 0) AND (HourlyMax IS NULL OR HourlyMax >= 0)");
            t.HasCheckConstraint("CK_Posting_Type", "Type IN ('Fixed','Hourly')");
        });
    }
}

internal sealed class LaneConfiguration : IEntityTypeConfiguration<Lane>
{
    public void Configure(EntityTypeBuilder<Lane> b)
    {
        b.Property(l => l.Id).HasMaxLength(64);
        b.Property(l => l.Name).HasMaxLength(100).IsRequired();
        b.Property(l => l.SearchExpression).HasMaxLength(500);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasIndex(l => l.Name).IsUnique();
    }
}

internal sealed class MatchConfiguration : IEntityTypeConfiguration<Match>
{
    public void Configure(EntityTypeBuilder<Match> b)
    {
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => new { m.PostingId, m.LaneId }).IsUnique();
        b.HasIndex(m => new { m.LaneId, m.MatchedAt });
        b.Property(m => m.DismissReason).HasMaxLength(200);
        b.Property(m => m.StatusChangedBy).HasMaxLength(256);
        // The queue pages newest first (MatchedAt, then the rowid Id) within these filters;
        // docs/performance.md has the measurements that chose them.
        b.HasIndex(m => m.MatchedAt);
        b.HasIndex(m => new { m.Status, m.MatchedAt });
        b.HasIndex(m => new { m.LaneId, m.Status, m.MatchedAt });
        b.HasIndex(m => new { m.AssigneeId, m.MatchedAt });
        b.HasOne(m => m.Posting).WithMany().HasForeignKey(m => m.PostingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Lane).WithMany().HasForeignKey(m => m.LaneId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(m => m.AssigneeId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.Property(a => a.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.Target).HasMaxLength(200);
        b.HasIndex(a => new { a.MatchId, a.Channel, a.Target }).IsUnique();
        b.HasIndex(a => new { a.Status, a.DueAt });
        b.HasOne(a => a.Match).WithMany().HasForeignKey(a => a.MatchId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AlertRoute>().WithMany().HasForeignKey(a => a.RouteId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(a => new { a.Target, a.Status });
        b.ToTable(t => t.HasCheckConstraint("CK_Alert_Attempts", "Attempts >= 0"));
    }
}

internal sealed class AlertRouteConfiguration : IEntityTypeConfiguration<AlertRoute>
{
    public void Configure(EntityTypeBuilder<AlertRoute> b)
    {
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Mode).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.SecretProtected).HasMaxLength(2000);
        b.Property(r => r.SecretHint).HasMaxLength(100);
        b.Property(r => r.SlackChannel).HasMaxLength(100);
        b.Property(r => r.SlackTarget).HasMaxLength(200);
        b.Property(r => r.EmailTo).HasMaxLength(1000);
        b.Property(r => r.TimeZone).HasMaxLength(64);
        b.Property(r => r.PausedReason).HasMaxLength(500);
        b.HasIndex(r => r.LaneId);
        b.HasOne(r => r.Lane).WithMany().HasForeignKey(r => r.LaneId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChannelThrottleConfiguration : IEntityTypeConfiguration<ChannelThrottle>
{
    public void Configure(EntityTypeBuilder<ChannelThrottle> b)
    {
        b.HasKey(t => t.Target);
        b.Property(t => t.Target).HasMaxLength(200);
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
        b.HasIndex(p => new { p.LaneId, p.SentAt });
        b.HasIndex(p => p.SentAt);
        b.HasIndex(p => new { p.FreelancerId, p.SentAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.FreelancerId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_Proposal_Connects", "ConnectsSpent IS NULL OR ConnectsSpent >= 0"));
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.Property(a => a.ActorName).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.SubjectType).HasMaxLength(64);
        b.Property(a => a.SubjectId).HasMaxLength(128);
        b.Property(a => a.Details).HasMaxLength(2000);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.Action, a.At });
        b.HasIndex(a => new { a.ActorId, a.At });
        b.HasIndex(a => new { a.SubjectType, a.SubjectId });
    }
}

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
