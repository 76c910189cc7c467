using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Shared;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// What a person hands to a reviewer for a period of whole UTC days: the audit log, the compliance
/// figures day by day, the signals as measured now, the inventory, the audit plan and the reviews.
/// </summary>
public sealed class ComplianceExport(AppDbContext db, ComplianceSignals signals, TimeProvider clock)
{
    public const int MaxDays = 366;

    public sealed record DayFigures(
        DateOnly Date,
        int Requests,
        int RateLimited,
        int Errors,
        int Proposals,
        int BusiestPersonProposals,
        int SentUnedited,
        int AlertsDelivered,
        int AlertsFailed
    );

    public sealed record ToolRow(
        string Name,
        string? Owner,
        string Tag,
        string Why,
        string Decision,
        bool AutoSubmits,
        bool Scrapes,
        bool LogsInAsYou,
        bool MessagesClients,
        bool BypassesLimits,
        bool BuiltIn
    );

    public sealed record AuditRow(
        DateTimeOffset At,
        string Actor,
        string Action,
        string? SubjectType,
        string? SubjectId,
        string? Details,
        string? IpAddress
    );

    public sealed record Report(
        DateTimeOffset GeneratedAt,
        DateOnly From,
        DateOnly To,
        string Overall,
        IReadOnlyList<Signal> Signals,
        IReadOnlyList<DayFigures> Days,
        IReadOnlyList<ToolRow> Inventory,
        IReadOnlyList<AuditPlan.Progress> AuditPlan,
        IReadOnlyList<ComplianceReview> Reviews,
        IReadOnlyList<AuditRow> AuditLog
    );

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<Report> BuildAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var state = await signals.MeasureAsync(ct);
        var tools = (await db.AutomationTools.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct))
            .Select(t =>
            {
                var a = ToolAssessment.Assess(t);
                return new ToolRow(
                    t.Name,
                    t.Owner,
                    a.Tag,
                    a.Why,
                    t.Decision.ToString(),
                    t.AutoSubmits,
                    t.Scrapes,
                    t.LogsInAsYou,
                    t.MessagesClients,
                    t.BypassesLimits,
                    t.IsBuiltIn
                );
            })
            .ToList();
        var reviews = await db
            .ComplianceReviews.AsNoTracking()
            .Where(r => r.OpenedAt < end && (r.CompletedAt == null || r.CompletedAt >= start))
            .OrderBy(r => r.Quarter)
            .ToListAsync(ct);
        var audit = await db
            .AuditEvents.AsNoTracking()
            .Where(a => a.At >= start && a.At < end)
            .OrderBy(a => a.Id)
            .Select(a => new AuditRow(a.At, a.ActorName, a.Action, a.SubjectType, a.SubjectId, a.Details, a.IpAddress))
            .ToListAsync(ct);
        return new Report(
            clock.GetUtcNow(),
            from,
            to,
            state.Overall.ToString(),
            state.Signals,
            await DaysAsync(from, to, start, end, ct),
            tools,
            await AuditPlan.ProgressAsync(db, ct),
            reviews,
            audit
        );
    }

    private async Task<List<DayFigures>> DaysAsync(
        DateOnly from,
        DateOnly to,
        DateTimeOffset start,
        DateTimeOffset end,
        CancellationToken ct
    )
    {
        var requests = await db
            .MarketplaceRequestDays.AsNoTracking()
            .Where(d => d.Day >= from && d.Day <= to)
            .ToDictionaryAsync(d => d.Day, ct);
        var sent = await SentProposals.LoadAsync(db, start.AddTicks(-1), end.AddTicks(-1), ct);
        var delivered = (
            await db
                .Alerts.AsNoTracking()
                .Where(a => a.Status == AlertStatus.Delivered && a.DeliveredAt >= start && a.DeliveredAt < end)
                .Select(a => a.DeliveredAt!.Value)
                .ToListAsync(ct)
        )
            .CountBy(Day)
            .ToDictionary();
        var failed = (
            await db
                .Alerts.AsNoTracking()
                .Where(a =>
                    (a.Status == AlertStatus.Failed || a.Status == AlertStatus.Paused)
                    && a.CreatedAt >= start
                    && a.CreatedAt < end
                )
                .Select(a => a.CreatedAt)
                .ToListAsync(ct)
        )
            .CountBy(Day)
            .ToDictionary();
        var days = new List<DayFigures>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            var r = requests.GetValueOrDefault(d);
            var mine = sent.Where(p => Day(p.SentAt) == d).ToList();
            days.Add(
                new DayFigures(
                    d,
                    r?.Requests ?? 0,
                    r?.RateLimited ?? 0,
                    r?.Errors ?? 0,
                    mine.Count,
                    mine.CountBy(p => p.FreelancerId).Select(g => g.Value).DefaultIfEmpty(0).Max(),
                    mine.Count(p => p.Unedited),
                    delivered.GetValueOrDefault(d),
                    failed.GetValueOrDefault(d)
                )
            );
        }
        return days;
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    public static string AuditCsv(IEnumerable<AuditRow> rows)
    {
        var csv = new StringBuilder("at_utc,actor,action,subject_type,subject_id,details,ip_address\n");
        foreach (var r in rows)
        {
            Line(
                csv,
                r.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                r.Actor,
                r.Action,
                r.SubjectType,
                r.SubjectId,
                r.Details,
                r.IpAddress
            );
        }
        return csv.ToString();
    }

    public static string DaysCsv(IEnumerable<DayFigures> days)
    {
        var csv = new StringBuilder(
            "date,api_requests,rate_limited_429,other_errors,proposals,busiest_person_proposals,"
                + "sent_unedited,alerts_delivered,alerts_failed\n"
        );
        foreach (var d in days)
        {
            Line(
                csv,
                d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                N(d.Requests),
                N(d.RateLimited),
                N(d.Errors),
                N(d.Proposals),
                N(d.BusiestPersonProposals),
                N(d.SentUnedited),
                N(d.AlertsDelivered),
                N(d.AlertsFailed)
            );
        }
        return csv.ToString();
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    // The shared cell rules (RFC 4180 quoting, formula defusing); these exports keep LF line ends.
    private static void Line(StringBuilder csv, params string?[] fields) =>
        csv.AppendJoin(',', fields.Select(CsvTable.Cell)).Append('\n');
}
