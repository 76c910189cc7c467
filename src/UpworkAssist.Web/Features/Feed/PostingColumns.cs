namespace UpworkAssist.Web.Features.Feed;

/// <summary>How a posting column is stored (AppDbContext's conventions), which decides its parameter type.</summary>
internal enum PostingColumnKind
{
    Text,

    /// <summary>An instant as UTC ticks.</summary>
    Ticks,
    Count,

    /// <summary>Money and ratings as REAL / double precision.</summary>
    Real,
    Flag,

    /// <summary>A list of strings: JSON text on SQLite, text[] on PostgreSQL.</summary>
    List,
}

/// <summary>One stored column of a posting and how its value is read, for both providers' upserts.</summary>
internal abstract record PostingColumn(string Name, PostingColumnKind Kind)
{
    /// <summary>The value as a statement parameter takes it (SQLite binds one posting at a time).</summary>
    public abstract object? Value(Posting p);
}

/// <summary>A column read as its own type: PostgreSQL's arrays are filled without boxing each value.</summary>
internal sealed record PostingColumn<T>(string Name, PostingColumnKind Kind, Func<Posting, T> Read)
    : PostingColumn(Name, Kind)
{
    public override object? Value(Posting p) => Read(p);
}

/// <summary>
/// The columns an upsert writes, in statement order: the id, the content a fetch brings (compared to
/// decide whether a known posting changed), the source. One table for the SQLite statement's
/// parameters and the PostgreSQL statement's arrays, so the two cannot drift apart.
/// </summary>
internal static class PostingColumns
{
    public static readonly PostingColumn[] All =
    [
        new PostingColumn<string?>("Id", PostingColumnKind.Text, p => p.Id),
        new PostingColumn<string?>("MarketplaceId", PostingColumnKind.Text, p => p.MarketplaceId),
        new PostingColumn<string?>("Url", PostingColumnKind.Text, p => p.Url),
        new PostingColumn<string?>("Title", PostingColumnKind.Text, p => p.Title),
        new PostingColumn<string?>("Description", PostingColumnKind.Text, p => p.Description),
        new PostingColumn<long?>("PublishedAt", PostingColumnKind.Ticks, p => p.PublishedAt.UtcTicks),
        new PostingColumn<string?>("Type", PostingColumnKind.Text, p => p.Type.ToString()),
        new PostingColumn<double?>("FixedBudget", PostingColumnKind.Real, p => Real(p.FixedBudget)),
        new PostingColumn<double?>("HourlyMin", PostingColumnKind.Real, p => Real(p.HourlyMin)),
        new PostingColumn<double?>("HourlyMax", PostingColumnKind.Real, p => Real(p.HourlyMax)),
        new PostingColumn<string?>("ExperienceLevel", PostingColumnKind.Text, p => p.ExperienceLevel),
        new PostingColumn<IReadOnlyCollection<string>>("Skills", PostingColumnKind.List, p => p.Skills),
        new PostingColumn<string?>("Category", PostingColumnKind.Text, p => p.Category),
        new PostingColumn<int?>("TotalApplicants", PostingColumnKind.Count, p => p.TotalApplicants),
        new PostingColumn<string?>("ClientCountry", PostingColumnKind.Text, p => p.Client.Country),
        new PostingColumn<bool?>("ClientPaymentVerified", PostingColumnKind.Flag, p => p.Client.PaymentVerified),
        new PostingColumn<double?>("ClientTotalSpent", PostingColumnKind.Real, p => Real(p.Client.TotalSpent)),
        new PostingColumn<int?>("ClientTotalHires", PostingColumnKind.Count, p => p.Client.TotalHires),
        new PostingColumn<double?>("ClientRating", PostingColumnKind.Real, p => p.Client.Rating),
        new PostingColumn<int?>("ClientReviewsCount", PostingColumnKind.Count, p => p.Client.ReviewsCount),
        new PostingColumn<long?>("RenewedAt", PostingColumnKind.Ticks, p => p.RenewedAt?.UtcTicks),
        new PostingColumn<int?>("FreelancersToHire", PostingColumnKind.Count, p => p.FreelancersToHire),
        new PostingColumn<bool?>("Enterprise", PostingColumnKind.Flag, p => p.Enterprise),
        new PostingColumn<bool?>("Applied", PostingColumnKind.Flag, p => p.Applied),
        new PostingColumn<long?>("ClientMemberSince", PostingColumnKind.Ticks, p => p.ClientMemberSince?.UtcTicks),
        new PostingColumn<bool?>("ClientHasFinancialPrivacy", PostingColumnKind.Flag, p => p.ClientHasFinancialPrivacy),
        new PostingColumn<string?>("Source", PostingColumnKind.Text, p => p.Source.ToString()),
    ];

    /// <summary>The content columns: all but the id and the source, which an update keeps.</summary>
    public static readonly string[] Content = [.. All[1..^1].Select(c => c.Name)];

    private static double? Real(decimal? d) => d is { } v ? (double)v : null;
}
