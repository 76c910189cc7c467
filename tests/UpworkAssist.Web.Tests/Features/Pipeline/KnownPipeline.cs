using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Pipeline;

/// <summary>
/// A small, fully known pipeline: two freelancers, two lanes, ten proposals (nine in the last 90
/// days, one 100 days ago) and labelled matches. The analytics tests work every expected number
/// out from this table by hand.
/// </summary>
public sealed class KnownPipeline
{
    // #  who    lane    tmpl  days  reached      reply h  connects revenue type    budget pub-min applicants edit
    // 1  alice  dotnet  1     1     Hired        2        10       1000    Fixed   1500   30      3          0
    // 2  alice  dotnet  1     2     Interview→Lost 4      10       -       Fixed   800    120     8          50
    // 3  alice  dotnet  -     3     Replied      6        6        -       Hourly  40     600     12         150
    // 4  alice  react   2     4     Viewed       -        6        -       Hourly  60     2000    25         -
    // 5  alice  react   2     5     Sent         -        4        -       Fixed   300    -       -          0
    // 6  bob    dotnet  1     1     Shortlisted  8        12       -       Fixed   12000  45      4          10
    // 7  bob    react   2     2     Withdrawn    -        8        -       Hourly  20     90      60         200
    // 8  bob    react   -     3     Hired        10       16       3000    Fixed   5000   20      2          0
    // 9  bob    dotnet  1     6     Lost         -        6        -       -       -      300     15         5
    // 10 bob    dotnet  1     100   Replied      1        5        -       Fixed   1000   60      5          0
    public string Alice { get; private set; } = "";
    public string Bob { get; private set; } = "";
    public List<long> Ids { get; } = [];

    public async Task SeedAsync(TestApp app)
    {
        Alice = (await app.CreateUserAsync("alice@example.test", "Freelancer")).Id;
        Bob = (await app.CreateUserAsync("bob@example.test", "Freelancer")).Id;
        var now = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            db.Lanes.AddRange(
                new Lane
                {
                    Id = "k-dotnet",
                    Name = "Known .NET",
                    CreatedAt = now,
                    UpdatedAt = now,
                },
                new Lane
                {
                    Id = "k-react",
                    Name = "Known React",
                    CreatedAt = now,
                    UpdatedAt = now,
                }
            );
            var rows = new (
                string Who,
                string Lane,
                long? Template,
                int Days,
                ProposalStage Stage,
                int? ReplyHours,
                int Connects,
                decimal? Revenue,
                PostingType? Type,
                decimal? Budget,
                int? PubMinutes,
                int? Applicants,
                int? Edit
            )[]
            {
                (Alice, "k-dotnet", 1, 1, ProposalStage.Hired, 2, 10, 1000, PostingType.Fixed, 1500, 30, 3, 0),
                (Alice, "k-dotnet", 1, 2, ProposalStage.Lost, 4, 10, null, PostingType.Fixed, 800, 120, 8, 50),
                (Alice, "k-dotnet", null, 3, ProposalStage.Replied, 6, 6, null, PostingType.Hourly, 40, 600, 12, 150),
                (Alice, "k-react", 2, 4, ProposalStage.Viewed, null, 6, null, PostingType.Hourly, 60, 2000, 25, null),
                (Alice, "k-react", 2, 5, ProposalStage.Sent, null, 4, null, PostingType.Fixed, 300, null, null, 0),
                (Bob, "k-dotnet", 1, 1, ProposalStage.Shortlisted, 8, 12, null, PostingType.Fixed, 12000, 45, 4, 10),
                (Bob, "k-react", 2, 2, ProposalStage.Withdrawn, null, 8, null, PostingType.Hourly, 20, 90, 60, 200),
                (Bob, "k-react", null, 3, ProposalStage.Hired, 10, 16, 3000, PostingType.Fixed, 5000, 20, 2, 0),
                (Bob, "k-dotnet", 1, 6, ProposalStage.Lost, null, 6, null, null, null, 300, 15, 5),
                (Bob, "k-dotnet", 1, 100, ProposalStage.Replied, 1, 5, null, PostingType.Fixed, 1000, 60, 5, 0),
            };
            var proposals = new List<Proposal>();
            foreach (var (r, i) in rows.Select((r, i) => (r, i)))
            {
                var sent = now.AddDays(-r.Days);
                var p = new Proposal
                {
                    PostingId = $"~0known{i + 1}",
                    PostingTitle = $"Known posting {i + 1}",
                    FreelancerId = r.Who,
                    LaneId = r.Lane,
                    TemplateId = r.Template,
                    SentAt = sent,
                    Stage = r.Stage,
                    ConnectsSpent = r.Connects,
                    RevenueEarned = r.Revenue,
                    ContractType = r.Type,
                    BudgetAtSend = r.Budget,
                    PostingPublishedAt = r.PubMinutes is { } m ? sent.AddMinutes(-m) : null,
                    ApplicantsAtSend = r.Applicants,
                    EditDistance = r.Edit,
                    UpdatedAt = sent,
                };
                proposals.Add(p);
                db.Proposals.Add(p);
            }
            await db.SaveChangesAsync();
            foreach (var (p, r) in proposals.Zip(rows))
            {
                Ids.Add(p.Id);
                // The milestones the stage history would have produced; #2 reached Interview before it was lost.
                var reached =
                    r.Stage == ProposalStage.Lost && r.ReplyHours is not null ? ProposalStage.Interview : r.Stage;
                if (reached == ProposalStage.Sent || reached is ProposalStage.Lost or ProposalStage.Withdrawn)
                {
                    continue;
                }
                var progress = new ProposalProgress { ProposalId = p.Id };
                var at = p.SentAt.AddHours(r.ReplyHours ?? 1);
                ProposalStages.Reach(progress, reached, at);
                db.ProposalProgress.Add(progress);
            }
            // Triage labels: .NET kept 4 (3 shortlisted, 1 assigned) of 6 labelled, 1 unlabelled; React 0 of 1.
            var statuses = new[]
            {
                ("k-dotnet", MatchStatus.Shortlisted),
                ("k-dotnet", MatchStatus.Shortlisted),
                ("k-dotnet", MatchStatus.Shortlisted),
                ("k-dotnet", MatchStatus.Assigned),
                ("k-dotnet", MatchStatus.Dismissed),
                ("k-dotnet", MatchStatus.Dismissed),
                ("k-dotnet", MatchStatus.New),
                ("k-react", MatchStatus.Dismissed),
            };
            foreach (var (s, i) in statuses.Select((s, i) => (s, i)))
            {
                db.Postings.Add(
                    new Posting
                    {
                        Id = $"~0m{i}",
                        Title = "m",
                        PublishedAt = now.AddDays(-3),
                        FetchedAt = now.AddDays(-3),
                    }
                );
                db.Matches.Add(
                    new Match
                    {
                        PostingId = $"~0m{i}",
                        LaneId = s.Item1,
                        Status = s.Item2,
                        MatchedAt = now.AddDays(-3),
                    }
                );
            }
            await db.SaveChangesAsync();
        });
    }
}
