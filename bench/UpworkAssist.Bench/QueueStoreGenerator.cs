using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Bench;

/// <summary>
/// Fills a fresh store (the app's own migrations) with synthetic postings, matches, triage actions
/// and their audit rows, for the queue load test (docs/performance.md "Triage queue at 1M postings").
/// Times are relative to the wall clock when it runs: recent postings were fetched in the last 22
/// hours, so the 24-hour retention purge leaves them alone for about two hours; a few old postings
/// (2 to 7 days) were acted on and are already reduced to id and link, as retention leaves them.
/// </summary>
public static class QueueStoreGenerator
{
    public const string AdminEmail = "bench-admin@example.com";
    public const string LeadEmail = "bench-lead@example.com";
    public const string Password = "bench-password-2026";
    private static readonly string[] LaneIds = ["dotnet", "react", "design"];
    private static readonly string[] Reasons =
    [
        "Budget too low",
        "Wrong skills",
        "Weak client",
        "Too many applicants",
        "Vague scope",
    ];
    private static readonly string[] Countries =
    [
        "United States",
        "United Kingdom",
        "Germany",
        "Canada",
        "Australia",
        "India",
        "France",
        "Netherlands",
        "Israel",
        "Singapore",
    ];
    private static readonly string[] Levels = ["ENTRY_LEVEL", "INTERMEDIATE", "EXPERT"];

    private static readonly (string Category, string[] Skills, string[] Titles)[] Topics =
    [
        (
            "Web Development",
            ["C#", ".NET", "ASP.NET Core", "Entity Framework", "SQL"],
            [
                "ASP.NET Core API for {0}",
                "Migrate {0} from .NET Framework to .NET 10",
                "C# backend developer for {0}",
                "Fix EF Core performance in {0}",
            ]
        ),
        (
            "Web Development",
            ["React", "TypeScript", "Next.js", "Redux", "CSS"],
            [
                "React dashboard for {0}",
                "Next.js storefront for {0}",
                "TypeScript front end for {0}",
                "React developer to finish {0}",
            ]
        ),
        (
            "Design",
            ["Figma", "UI Design", "UX Design", "Prototyping", "Web Design"],
            ["Figma redesign of {0}", "UX audit of {0}", "UI kit and prototype for {0}", "Landing page design for {0}"]
        ),
        (
            "Data",
            ["Python", "SQL", "Power BI", "Excel"],
            ["Data pipeline for {0}", "Power BI reports for {0}", "Clean and merge data for {0}"]
        ),
    ];

    private static readonly string[] Products =
    [
        "a logistics startup",
        "our SaaS",
        "a clinic booking app",
        "an e-commerce shop",
        "a fintech MVP",
        "an internal CRM",
        "a real-estate portal",
        "a learning platform",
    ];

    private static readonly string[] Sentences =
    [
        "We are looking for an experienced developer to join a small, friendly team.",
        "The project has a clear scope and a working prototype that needs to be production ready.",
        "You will work with our product owner and report progress twice a week.",
        "Please include examples of similar work and your availability in the next month.",
        "The current code base is about two years old and has automated tests.",
        "We value clear communication, honest estimates and clean, maintainable code.",
        "Budget is flexible for the right person; long-term work is possible after this milestone.",
        "Deliverables: source code in our repository, short documentation and a handover call.",
        "Our users are mostly on mobile, so performance and accessibility matter.",
        "Start date is as soon as possible; the first milestone is due in three weeks.",
    ];

    public static async Task RunAsync(string path, int postings, int matches)
    {
        if (matches > postings)
            throw new ArgumentException("There cannot be more matches than postings in this shape.");
        var watch = Stopwatch.StartNew();
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            File.Delete(f);
        var now = DateTimeOffset.UtcNow;
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={path}").Options;
        string[] freelancers;
        await using (var db = new AppDbContext(options))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            freelancers = await UsersAsync(db, now);
            await StarterLanes.SeedAsync(db, TimeProvider.System, CancellationToken.None);
        }

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        Exec(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000; PRAGMA foreign_keys=OFF;");
        var lead =
            Exec(connection, $"SELECT Id FROM AspNetUsers WHERE NormalizedEmail = '{LeadEmail.ToUpperInvariant()}'")
                as string
            ?? "";
        await using (var tx = connection.BeginTransaction())
        {
            new Filler(connection, tx, now, postings, matches, lead, freelancers).Fill();
            await tx.CommitAsync();
        }
        // What the daily maintenance job (PRAGMA optimize) gives a store that has been in use.
        Exec(connection, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        var made = Exec(
            connection,
            "SELECT (SELECT COUNT(*) FROM Postings) || ' postings, ' || (SELECT COUNT(*) FROM Matches) || ' "
                + "matches, ' || (SELECT COUNT(*) FROM AuditEvents) || ' audit rows'"
        );
        Console.WriteLine(
            $"queue store: {made} in {path} ({new FileInfo(path).Length / 1048576} MB) in "
                + $"{watch.Elapsed.TotalSeconds:0.0} s; log in as {AdminEmail} / {Password}"
        );
    }

    private static object? Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The four roles, an Admin and a Lead to log in with, and six Freelancers to assign to.</summary>
    private static async Task<string[]> UsersAsync(AppDbContext db, DateTimeOffset now)
    {
        var roles = Roles.All.ToDictionary(
            r => r,
            r => new IdentityRole(r)
            {
                NormalizedName = r.ToUpperInvariant(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            }
        );
        db.Roles.AddRange(roles.Values);
        var hasher = new PasswordHasher<AppUser>();
        var people = new List<(string Email, string Name, string Role)>
        {
            (AdminEmail, "Bench Admin", Roles.Admin),
            (LeadEmail, "Bench Lead", Roles.Lead),
        };
        people.AddRange(
            Enumerable
                .Range(1, 6)
                .Select(i => ($"bench-freelancer{i}@example.com", $"Freelancer {i}", Roles.Freelancer))
        );
        var ids = new List<string>();
        foreach (var (email, name, role) in people)
        {
            var user = new AppUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                DisplayName = name,
                CreatedAt = now,
                LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            user.PasswordHash = hasher.HashPassword(user, Password);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role].Id });
            if (role == Roles.Freelancer)
                ids.Add(user.Id);
        }
        await db.SaveChangesAsync();
        return [.. ids];
    }

    private sealed class Filler(
        SqliteConnection connection,
        SqliteTransaction tx,
        DateTimeOffset now,
        int postingCount,
        int matchCount,
        string leadId,
        string[] freelancers
    )
    {
        private readonly Random _random = new(2026);
        private SqliteCommand _posting = null!;
        private SqliteCommand _match = null!;
        private SqliteCommand _audit = null!;
        private long _matchId;

        public void Fill()
        {
            _posting = Prepare(
                """
                INSERT INTO Postings (Id, MarketplaceId, Url, Title, Description, PublishedAt, Type,
                  FixedBudget, HourlyMin, HourlyMax, ExperienceLevel, Skills, Category, TotalApplicants,
                  ClientCountry, ClientPaymentVerified, ClientTotalSpent, ClientTotalHires, ClientRating,
                  ClientReviewsCount, Source, FetchedAt, UpdatedAt, ContentPurgedAt, ActedOnAt)
                VALUES ($id, $mid, $url, $title, $desc, $pub, $type,
                  $fixed, $hmin, $hmax, $level, $skills, $cat, $apps,
                  $country, $verified, $spent, $hires, $rating,
                  $reviews, 'Api', $fetched, $fetched, $purged, $acted)
                """,
                "$id",
                "$mid",
                "$url",
                "$title",
                "$desc",
                "$pub",
                "$type",
                "$fixed",
                "$hmin",
                "$hmax",
                "$level",
                "$skills",
                "$cat",
                "$apps",
                "$country",
                "$verified",
                "$spent",
                "$hires",
                "$rating",
                "$reviews",
                "$fetched",
                "$purged",
                "$acted"
            );
            _match = Prepare(
                """
                INSERT INTO Matches (Id, PostingId, LaneId, MatchedKeywords, Score, MatchedAt, Status,
                  AssigneeId, SnoozedUntil, DismissReason, StatusChangedAt, StatusChangedBy, Version)
                VALUES ($id, $posting, $lane, $keywords, $score, $at, $status,
                  $assignee, $until, $reason, $changed, $by, $version)
                """,
                "$id",
                "$posting",
                "$lane",
                "$keywords",
                "$score",
                "$at",
                "$status",
                "$assignee",
                "$until",
                "$reason",
                "$changed",
                "$by",
                "$version"
            );
            _audit = Prepare(
                """
                INSERT INTO AuditEvents (At, ActorId, ActorName, Action, SubjectType, SubjectId, Details, IpAddress)
                VALUES ($at, $actor, $name, $action, 'match', $subject, $details, '127.0.0.1')
                """,
                "$at",
                "$actor",
                "$name",
                "$action",
                "$subject",
                "$details"
            );

            // 5 % of the matches are on old postings a person acted on, already reduced to id and link.
            var old = matchCount / 20;
            for (var i = 0; i < old; i++)
            {
                var fetched = now.AddDays(-7).AddTicks((long)(TimeSpan.FromDays(5).Ticks * (i / (double)old)));
                var status = (MatchStatus)_random.Next(1, 5);
                InsertPosting($"~bqold{i:D7}", fetched, purged: true, acted: fetched.AddHours(1));
                InsertMatch($"~bqold{i:D7}", LaneIds[i % 3], fetched, status, forceAction: true);
            }
            // The rest: recent postings fetched over the last 22 hours in order; every k-th is matched,
            // some by two lanes.
            var recent = postingCount - old;
            var toMatch = matchCount - old;
            var matchedPostings = (int)(toMatch / 1.15);
            var second = toMatch - matchedPostings;
            var span = TimeSpan.FromHours(22).Ticks;
            var left = matchedPostings;
            for (var i = 0; i < recent; i++)
            {
                var fetched = now.AddHours(-22).AddMinutes(-1).AddTicks((long)(span * (i / (double)recent)));
                var id = $"~bq{i:D9}";
                var matched = (long)i * matchedPostings / recent != (long)(i + 1) * matchedPostings / recent;
                var topic = matched ? _random.Next(3) : _random.Next(4);
                var status = matched ? PickStatus() : MatchStatus.New;
                InsertPosting(
                    id,
                    fetched,
                    purged: false,
                    acted: status == MatchStatus.New ? null : fetched.AddMinutes(30),
                    topic
                );
                if (!matched)
                    continue;
                InsertMatch(id, LaneIds[topic], fetched, status, forceAction: false);
                // About 15 % of matched postings match a second lane; the last ones make the total exact.
                var mustPair = second >= left--;
                if (second > 0 && (mustPair || _random.Next(100) < 15))
                {
                    second--;
                    InsertMatch(id, LaneIds[(topic + 1) % 3], fetched, MatchStatus.New, forceAction: false);
                }
            }
        }

        private MatchStatus PickStatus() =>
            _random.Next(100) switch
            {
                < 82 => MatchStatus.New,
                < 89 => MatchStatus.Shortlisted,
                < 95 => MatchStatus.Dismissed,
                < 97 => MatchStatus.Snoozed,
                _ => MatchStatus.Assigned,
            };

        private SqliteCommand Prepare(string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            foreach (var name in names)
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            command.Prepare();
            return command;
        }

        private static void Run(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            command.ExecuteNonQuery();
        }

        private void InsertPosting(string id, DateTimeOffset fetched, bool purged, DateTimeOffset? acted, int topic = 0)
        {
            var (category, skills, titles) = Topics[topic];
            var hourly = _random.Next(100) < 40;
            // 33 .. 20,000
            double? fixedBudget = hourly ? null : Math.Round(Math.Exp(3.5 + _random.NextDouble() * 6.4));
            double? hourlyMin = hourly ? 15 + _random.Next(50) : null;
            double? hourlyMax = hourly && _random.Next(100) < 85 ? hourlyMin + 10 + _random.Next(60) : null;
            var verified = _random.Next(100) < 70;
            var published = fetched.AddSeconds(-5 - _random.Next(3 * 3600));
            if (purged)
            {
                // What RetentionPurge leaves of a posting a person acted on.
                Run(
                    _posting,
                    id,
                    null,
                    Url(id),
                    "",
                    "",
                    published.UtcTicks,
                    hourly ? "Hourly" : "Fixed",
                    null,
                    null,
                    null,
                    null,
                    "[]",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    fetched.UtcTicks,
                    fetched.AddDays(1).UtcTicks,
                    acted?.UtcTicks
                );
                return;
            }
            var title = string.Format(
                CultureInfo.InvariantCulture,
                titles[_random.Next(titles.Length)],
                Products[_random.Next(Products.Length)]
            );
            var description = new StringBuilder();
            for (var s = 3 + _random.Next(6); s > 0; s--)
                description.Append(Sentences[_random.Next(Sentences.Length)]).Append(' ');
            var picked = skills.OrderBy(_ => _random.Next()).Take(2 + _random.Next(3)).Select(s => $"\"{s}\"");
            Run(
                _posting,
                id,
                $"{_random.NextInt64(1_000_000_000_000, 9_999_999_999_999)}",
                Url(id),
                title,
                description.ToString().TrimEnd(),
                published.UtcTicks,
                hourly ? "Hourly" : "Fixed",
                fixedBudget,
                hourlyMin,
                hourlyMax,
                Levels[_random.Next(3)],
                "[" + string.Join(",", picked) + "]",
                category,
                _random.Next(100) < 10 ? null : _random.Next(51),
                Countries[_random.Next(Countries.Length)],
                _random.Next(100) < 5 ? null : verified,
                verified ? Math.Round(_random.NextDouble() * 200_000) : 0.0,
                _random.Next(200),
                verified ? Math.Round(3.5 + _random.NextDouble() * 1.5, 2) : null,
                _random.Next(150),
                fetched.UtcTicks,
                null,
                acted?.UtcTicks
            );
        }

        private static string Url(string id) => $"https://www.upwork.com/jobs/{id}";

        private void InsertMatch(
            string postingId,
            string lane,
            DateTimeOffset fetched,
            MatchStatus status,
            bool forceAction
        )
        {
            var id = ++_matchId;
            var matchedAt = fetched.AddMilliseconds(40 + _random.Next(200));
            var changed = status == MatchStatus.New && !forceAction ? (DateTimeOffset?)null : fetched.AddMinutes(30);
            var assignee = status == MatchStatus.Assigned ? freelancers[_random.Next(freelancers.Length)] : null;
            var reason = status == MatchStatus.Dismissed ? Reasons[_random.Next(Reasons.Length)] : null;
            DateTimeOffset? until = status == MatchStatus.Snoozed ? now.AddDays(1 + _random.Next(7)) : null;
            var keywords = lane switch
            {
                "dotnet" => "\"c#\",\".net\"",
                "react" => "\"react\"",
                _ => "\"figma\"",
            };
            Run(
                _match,
                id,
                postingId,
                lane,
                $"[{keywords}]",
                Math.Round(0.3 + _random.NextDouble() * 0.7, 3),
                matchedAt.UtcTicks,
                status.ToString(),
                assignee,
                until?.UtcTicks,
                reason,
                changed?.UtcTicks,
                changed is null ? null : LeadEmail,
                changed is null ? 0 : 1
            );
            if (changed is null)
                return;
            var (action, details) = status switch
            {
                MatchStatus.Shortlisted => ("match.shortlisted", ""),
                MatchStatus.Dismissed => ("match.dismissed", ": " + reason),
                MatchStatus.Snoozed => (
                    "match.snoozed",
                    ": until " + until!.Value.ToString("u", CultureInfo.InvariantCulture)
                ),
                _ => ("match.assigned", ": to a freelancer"),
            };
            Run(
                _audit,
                changed.Value.UtcTicks,
                leadId,
                LeadEmail,
                action,
                id.ToString(CultureInfo.InvariantCulture),
                $"posting {postingId}, lane {lane}{details}"
            );
        }
    }
}
