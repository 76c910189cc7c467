using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpworkAssist.Web.Features.Feed;

// Store entities are classes because EF Core tracks and mutates them; inputs and view models are records.

public enum PostingType
{
    Fixed,
    Hourly,
}

public enum FeedSource
{
    Demo,
    Api,
}

/// <summary>Client facts as the marketplace reports them; every one may be unknown.</summary>
public sealed record ClientFacts(
    string? Country,
    bool? PaymentVerified,
    decimal? TotalSpent,
    int? TotalHires,
    double? Rating,
    int? ReviewsCount
);

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
public sealed record PostingFacts(
    DateTimeOffset? RenewedAt,
    int? FreelancersToHire,
    bool? Enterprise,
    bool? Applied,
    DateTimeOffset? ClientMemberSince,
    bool? ClientHasFinancialPrivacy
)
{
    public static PostingFacts Of(Posting p) =>
        new(
            p.RenewedAt,
            p.FreelancersToHire,
            p.Enterprise,
            p.Applied,
            p.ClientMemberSince,
            p.ClientHasFinancialPrivacy
        );

    /// <summary>Short labels, the ones that change a decision first.</summary>
    public IEnumerable<(string Label, string Title)> Labels()
    {
        if (Applied == true)
            yield return (
                "already applied from this account",
                "Someone on the connected Upwork account has already applied to this job."
            );
        if (FreelancersToHire == 0)
            yield return ("filled", "The client has no openings left on this job.");
        if (RenewedAt is { } renewed)
            yield return (
                "renewed",
                $"The client renewed (bumped) this posting at {renewed:u}; it was first published earlier."
            );
        if (Enterprise == true)
            yield return ("enterprise", "An Upwork Enterprise client.");
        if (ClientMemberSince is { } since)
            yield return ($"client since {since:yyyy}", $"Member of the marketplace since {since:yyyy-MM-dd}.");
        if (ClientHasFinancialPrivacy == true)
            yield return ("spend private", "The client keeps its spend private, so the spend shown may be missing.");
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
        b.ComplexProperty(
            p => p.Client,
            c =>
            {
                c.Property(x => x.Country).HasColumnName("ClientCountry").HasMaxLength(100);
                c.Property(x => x.PaymentVerified).HasColumnName("ClientPaymentVerified");
                c.Property(x => x.TotalSpent).HasColumnName("ClientTotalSpent");
                c.Property(x => x.TotalHires).HasColumnName("ClientTotalHires");
                c.Property(x => x.Rating).HasColumnName("ClientRating");
                c.Property(x => x.ReviewsCount).HasColumnName("ClientReviewsCount");
            }
        );
        b.HasIndex(p => p.PublishedAt);
        b.HasIndex(p => p.FetchedAt);
        b.ToTable(t =>
        {
            t.HasCheckConstraint(
                "CK_Posting_Budgets",
                "(\"FixedBudget\" IS NULL OR \"FixedBudget\" >= 0) AND (\"HourlyMin\" IS NULL OR \"HourlyMin\" >= "
                    + "0) AND (\"HourlyMax\" IS NULL OR \"HourlyMax\" >= 0)"
            );
            t.HasCheckConstraint("CK_Posting_Type", "\"Type\" IN ('Fixed','Hourly')");
        });
    }
}
