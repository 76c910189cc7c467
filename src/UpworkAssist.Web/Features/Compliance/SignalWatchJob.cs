using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;

namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// The last verdict seen of each signal, so a change can be told once (signals are measured on demand).
/// </summary>
public sealed class SignalVerdict
{
    public required string Key { get; set; }
    public Verdict Verdict { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class SignalVerdictConfiguration : IEntityTypeConfiguration<SignalVerdict>
{
    public void Configure(EntityTypeBuilder<SignalVerdict> b)
    {
        b.HasKey(v => v.Key);
        b.Property(v => v.Key).HasMaxLength(40);
        b.Property(v => v.Verdict).HasConversion<string>().HasMaxLength(10);
    }
}

/// <summary>`compliance.signal_changed` v1: a signal's verdict moved (green, amber, red) and why.</summary>
public sealed record SignalChangedData(
    string Signal,
    string Name,
    string? From,
    string To,
    string Measured,
    string Reason,
    DateTimeOffset At
);

/// <summary>
/// Every 5 minutes: measures the signals and raises `compliance.signal_changed` for each verdict that
/// moved since the last run. The first run only records, so installing does not announce every signal.
/// </summary>
public sealed class SignalWatchJob(AppDbContext db, ComplianceSignals signals, ITeamEvents events)
{
    public const string Id = "compliance-signal-watch";
    public const string Schedule = "*/5 * * * *";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var state = await signals.MeasureAsync(ct);
        var known = await db.SignalVerdicts.ToDictionaryAsync(v => v.Key, StringComparer.Ordinal, ct);
        var first = known.Count == 0;
        var changed = 0;
        foreach (var signal in state.Signals.DistinctBy(s => s.Key))
        {
            if (!known.TryGetValue(signal.Key, out var last))
            {
                db.SignalVerdicts.Add(
                    new SignalVerdict
                    {
                        Key = signal.Key,
                        Verdict = signal.Verdict,
                        ChangedAt = state.MeasuredAt,
                    }
                );
                if (first)
                    continue;
            }
            else if (last.Verdict == signal.Verdict)
            {
                continue;
            }
            var from = last?.Verdict.ToString().ToLowerInvariant();
            if (last is not null)
            {
                last.Verdict = signal.Verdict;
                last.ChangedAt = state.MeasuredAt;
            }
            await events.RaiseAsync(
                new TeamEvent(
                    "compliance.signal_changed",
                    new SignalChangedData(
                        signal.Key,
                        signal.Name,
                        from,
                        signal.Verdict.ToString().ToLowerInvariant(),
                        signal.Measured,
                        signal.Reason,
                        state.MeasuredAt
                    ),
                    new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = "/Compliance" }
                ),
                ct
            );
            changed++;
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }
}
