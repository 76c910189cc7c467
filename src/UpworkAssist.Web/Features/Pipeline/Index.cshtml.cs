using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Pipeline;

/// <summary>
/// The pipeline as a board (a column per stage) or a table, filtered by lane, person, template and period.
/// </summary>
public sealed class IndexModel(AppDbContext db, ITemplateNames templateNames, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The newest cards each board column shows; the column header counts them all.</summary>
    public const int CardsPerColumn = 30;

    public sealed record Row(
        long Id,
        string Title,
        string? Url,
        string? LaneId,
        string FreelancerId,
        long? TemplateId,
        DateTimeOffset SentAt,
        ProposalStage Stage,
        int? Connects,
        PostingType? ContractType,
        decimal? ContractValue,
        decimal? Revenue,
        DateTimeOffset? RepliedAt,
        string PostingId,
        ProposalOrigin Origin = ProposalOrigin.Recorded,
        bool StageFromSync = false
    )
    {
        /// <summary>A proposal sent outside UpworkAssist has no copied title, only its job's id.</summary>
        public string Shown =>
            Title.Length > 0
                ? Title
                : "job " + (PostingId.StartsWith("job:", StringComparison.Ordinal) ? PostingId[4..] : PostingId);
    }

    [BindProperty(SupportsGet = true)]
    public string? Lane { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Template { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ProposalFilter Filter => new(Lane, Person, Template, From, To);
    public bool IsTable => View == "table";
    public FilterForm FilterForm => new(Filter, Choices, false, IsTable ? [("view", "table")] : []);
    public FilterChoices Choices { get; private set; } =
        new(new Dictionary<string, string>(), new Dictionary<string, string>(), []);
    public IReadOnlyDictionary<ProposalStage, int> Counts { get; private set; } = new Dictionary<ProposalStage, int>();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public bool HasNextPage => PageNumber * PageSize < Total;

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        Choices = await FilterChoices.LoadAsync(db, templateNames, User, ct);
        var query = Filter.Apply(db.Proposals.AsNoTracking(), User, clock.GetUtcNow());
        Counts = await query
            .GroupBy(p => p.Stage)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Total = Counts.Values.Sum();
        if (IsTable)
        {
            Rows = await Project(
                    query
                        .OrderByDescending(p => p.SentAt)
                        .ThenByDescending(p => p.Id)
                        .Skip((PageNumber - 1) * PageSize)
                        .Take(PageSize)
                )
                .ToListAsync(ct);
        }
        else
        {
            var rows = new List<Row>();
            foreach (var stage in Enum.GetValues<ProposalStage>())
            {
                rows.AddRange(
                    await Project(
                            query.Where(p => p.Stage == stage).OrderByDescending(p => p.SentAt).Take(CardsPerColumn)
                        )
                        .ToListAsync(ct)
                );
            }
            Rows = rows;
        }
    }

    /// <summary>Every proposal the filter selects, as CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        Choices = await FilterChoices.LoadAsync(db, templateNames, User, ct);
        var rows = await Project(
                Filter
                    .Apply(db.Proposals.AsNoTracking(), User, clock.GetUtcNow())
                    .OrderByDescending(p => p.SentAt)
                    .ThenByDescending(p => p.Id)
            )
            .ToListAsync(ct);
        var csv = new CsvTable(
            "id",
            "sent_at",
            "stage",
            "title",
            "url",
            "lane",
            "person",
            "template",
            "connects",
            "contract_type",
            "contract_value",
            "revenue_earned",
            "replied_at"
        );
        foreach (var r in rows)
        {
            csv.Add(
                r.Id,
                r.SentAt,
                r.Stage,
                r.Shown,
                r.Url,
                r.LaneId,
                Choices.PersonName(r.FreelancerId),
                r.TemplateId,
                r.Connects,
                r.ContractType,
                r.ContractValue,
                r.Revenue,
                r.RepliedAt
            );
        }
        return File(csv.ToBytes(), CsvTable.ContentType, "pipeline.csv");
    }

    private IQueryable<Row> Project(IQueryable<Proposal> query) =>
        from p in query
        join g in db.ProposalProgress on p.Id equals g.ProposalId into progress
        from g in progress.DefaultIfEmpty()
        select new Row(
            p.Id,
            p.PostingTitle,
            p.PostingUrl,
            p.LaneId,
            p.FreelancerId,
            p.TemplateId,
            p.SentAt,
            p.Stage,
            p.ConnectsSpent,
            p.ContractType,
            p.ContractValue,
            p.RevenueEarned,
            g == null ? null : g.RepliedAt,
            p.PostingId,
            p.Origin,
            p.StageFromSync
        );

    public bool CanEdit(Row row) => ProposalAccess.CanEdit(User, row.FreelancerId);

    public string Money(decimal? value) => value is { } v ? v.ToString("#,0.##", CultureInfo.InvariantCulture) : "";
}
