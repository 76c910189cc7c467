using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// When a route may deliver: digests wait for their slot, quiet hours hold until they end. All in the route's time
/// zone.
/// </summary>
public static class DeliverySchedule
{
    public static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static bool IsKnownZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <summary>The first instant at or after <paramref name="now"/> this route may send a new match.</summary>
    public static DateTimeOffset DueAt(AlertRoute route, DateTimeOffset now)
    {
        var zone = Zone(route.TimeZone);
        var due = route.Mode switch
        {
            RouteMode.Hourly => NextLocal(now, zone, local => local.Date.AddHours(local.Hour + 1)),
            RouteMode.Daily => NextDaily(now, zone, route.DigestAt ?? new TimeOnly(8, 0)),
            _ => now,
        };
        return AfterQuietHours(route, due, zone);
    }

    public static DateTimeOffset AfterQuietHours(AlertRoute route, DateTimeOffset at, TimeZoneInfo zone)
    {
        if (route.QuietFrom is not { } from || route.QuietTo is not { } to || from == to)
        {
            return at;
        }
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var inQuiet = from < to ? time >= from && time < to : time >= from || time < to;
        if (!inQuiet)
        {
            return at;
        }
        var endDate = local.Date;
        if (from > to && time >= from)
        {
            endDate = endDate.AddDays(1);
        }
        return ToUtc(endDate + to.ToTimeSpan(), zone);
    }

    private static DateTimeOffset NextDaily(DateTimeOffset now, TimeZoneInfo zone, TimeOnly at) =>
        NextLocal(
            now,
            zone,
            local =>
                local.TimeOfDay < at.ToTimeSpan()
                    ? local.Date + at.ToTimeSpan()
                    : local.Date.AddDays(1) + at.ToTimeSpan()
        );

    private static DateTimeOffset NextLocal(DateTimeOffset now, TimeZoneInfo zone, Func<DateTime, DateTime> next) =>
        ToUtc(next(TimeZoneInfo.ConvertTime(now, zone).DateTime), zone);

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A local time skipped by a daylight-saving jump is taken an hour later.
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
