using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Features.Security;

/// <summary>
/// Fills a store with a realistic pipeline for the analytics benchmark (docs/performance.md
/// "Analytics page"): 10 freelancers, 8 lanes, 6 templates, N proposals over the last two years
/// with their stage history and milestones, and 30,000 labelled matches. Deterministic (seed 42).
/// Also creates a Manager who can sign in, with the given password.
/// </summary>
internal static class PipelineSeed
{
    public const string ManagerEmail = "bench-manager@example.test";

    public static async Task RunAsync(string path, int count, string password)
    {
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        File.Delete(path);
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={path}").Options;
        var now = TimeProvider.System.GetUtcNow();
        var random = new Random(42);
        string[] people;
        string[] lanes = [.. Enumerable.Range(1, 8).Select(i => $"bench-lane-{i}")];
        await using (var db = new AppDbContext(options))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            var manager = User(ManagerEmail, "Bench Manager", now);
            manager.PasswordHash = new PasswordHasher<AppUser>().HashPassword(manager, password);
            db.Users.Add(manager);
            var role = new IdentityRole("Manager") { NormalizedName = "MANAGER" };
            db.Roles.Add(role);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = manager.Id, RoleId = role.Id });
            var freelancers = Enumerable
                .Range(1, 10)
                .Select(i => User($"freelancer{i}@example.test", $"Freelancer {i}", now))
                .ToList();
            db.Users.AddRange(freelancers);
            people = [.. freelancers.Select(f => f.Id)];
            db.Lanes.AddRange(
                lanes.Select(
                    (id, i) =>
                        new Lane
                        {
                            Id = id,
                            Name = $"Bench lane {i + 1}",
                            CreatedAt = now,
                            UpdatedAt = now,
                        }
                )
            );
            await db.SaveChangesAsync();
        }

        const int Batch = 5000;
        var changes = 0;
        for (var start = 0; start < count; start += Batch)
        {
            await using var db = new AppDbContext(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = new List<(Proposal Proposal, ProposalStage[] Moves)>();
            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                var sent = now.AddMinutes(-random.Next(0, 730 * 24 * 60));
                var hourly = random.NextDouble() < 0.4;
                var proposal = new Proposal
                {
                    PostingId = $"~0bench{i:D7}",
                    PostingUrl = $"https://www.upwork.com/jobs/~0bench{i:D7}",
                    PostingTitle = $"Bench posting {i}",
                    FreelancerId = people[random.Next(people.Length)],
                    LaneId = random.NextDouble() < 0.95 ? lanes[random.Next(lanes.Length)] : null,
                    TemplateId = random.NextDouble() < 0.8 ? random.Next(1, 7) : null,
                    SentAt = sent,
                    PostingPublishedAt = random.NextDouble() < 0.9 ? sent.AddMinutes(-random.Next(5, 3000)) : null,
                    ApplicantsAtSend = random.NextDouble() < 0.9 ? random.Next(0, 80) : null,
                    BudgetAtSend =
                        random.NextDouble() < 0.9 ? (hourly ? random.Next(15, 120) : random.Next(100, 20000)) : null,
                    ContractType = hourly ? PostingType.Hourly : PostingType.Fixed,
                    ConnectsSpent = random.Next(4, 20),
                    FinalText = "",
                    EditDistance = random.NextDouble() < 0.85 ? random.Next(0, 400) : null,
                    UpdatedAt = sent,
                };
                var moves = Moves(random);
                proposal.Stage = moves.Length == 0 ? ProposalStage.Sent : moves[^1];
                if (proposal.Stage == ProposalStage.Hired)
                {
                    proposal.ContractValue = random.Next(500, 20000);
                    proposal.RevenueEarned = Math.Round(proposal.ContractValue.Value * (decimal)random.NextDouble(), 2);
                }
                batch.Add((proposal, moves));
                db.Proposals.Add(proposal);
            }
            await db.SaveChangesAsync();
            foreach (var (proposal, moves) in batch.Where(b => b.Moves.Length > 0))
            {
                var progress = new ProposalProgress { ProposalId = proposal.Id };
                var (from, at) = (ProposalStage.Sent, proposal.SentAt);
                foreach (var to in moves)
                {
                    at = at.AddMinutes(random.Next(10, 3 * 24 * 60));
                    db.ProposalStageChanges.Add(
                        new ProposalStageChange
                        {
                            ProposalId = proposal.Id,
                            From = from,
                            To = to,
                            At = at,
                            ById = proposal.FreelancerId,
                        }
                    );
                    ProposalStages.Reach(progress, to, at);
                    from = to;
                    changes++;
                }
                db.ProposalProgress.Add(progress);
            }
            await db.SaveChangesAsync();
        }

        // Labelled matches for lane precision: 30,000 over the same two years.
        for (var start = 0; start < 30_000; start += Batch)
        {
            await using var db = new AppDbContext(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < start + Batch; i++)
            {
                var at = now.AddMinutes(-random.Next(0, 730 * 24 * 60));
                db.Postings.Add(
                    new Posting
                    {
                        Id = $"~0benchm{i:D6}",
                        Title = "Bench",
                        PublishedAt = at,
                        FetchedAt = at,
                        UpdatedAt = at,
                    }
                );
                var roll = random.NextDouble();
                var status =
                    roll < 0.3 ? MatchStatus.Shortlisted
                    : roll < 0.4 ? MatchStatus.Assigned
                    : roll < 0.85 ? MatchStatus.Dismissed
                    : MatchStatus.New;
                db.Matches.Add(
                    new Match
                    {
                        PostingId = $"~0benchm{i:D6}",
                        LaneId = lanes[random.Next(lanes.Length)],
                        Status = status,
                        MatchedAt = at,
                    }
                );
            }
            await db.SaveChangesAsync();
        }
        Console.WriteLine(
            $"pipeline: {count} proposals, {changes} stage changes, 30000 matches in {path} "
                + $"({watch.Elapsed.TotalSeconds:0} s); sign in as {ManagerEmail}"
        );
    }

    private static AppUser User(string email, string name, DateTimeOffset now) =>
        new()
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = name,
            CreatedAt = now,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };

    /// <summary>
    /// Stage moves after Sent, roughly agency rates: 60% viewed, 25% replied, 12% shortlisted, 6% hired.
    /// </summary>
    private static ProposalStage[] Moves(Random random)
    {
        var roll = random.NextDouble();
        var end = random.NextDouble() < 0.9 ? ProposalStage.Lost : ProposalStage.Withdrawn;
        return roll switch
        {
            < 0.06 => [ProposalStage.Viewed, ProposalStage.Replied, ProposalStage.Interview, ProposalStage.Hired],
            < 0.12 =>
            [
                ProposalStage.Viewed,
                ProposalStage.Replied,
                ProposalStage.Interview,
                ProposalStage.Shortlisted,
                end,
            ],
            < 0.25 => [ProposalStage.Viewed, ProposalStage.Replied, end],
            < 0.60 => [ProposalStage.Viewed],
            < 0.80 => [],
            _ => [end],
        };
    }
}
