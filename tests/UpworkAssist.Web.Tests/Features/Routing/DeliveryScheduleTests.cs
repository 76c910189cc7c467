using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Routing;

namespace UpworkAssist.Web.Tests.Features.Routing;

public sealed class DeliveryScheduleTests
{
    private static DateTimeOffset Utc(int day, int hour, int minute = 0) =>
        new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static AlertRoute Route(
        RouteMode mode = RouteMode.Immediate,
        string zone = "Europe/Berlin",
        TimeOnly? digestAt = null,
        TimeOnly? quietFrom = null,
        TimeOnly? quietTo = null
    ) =>
        new()
        {
            LaneId = "l",
            Mode = mode,
            TimeZone = zone,
            DigestAt = digestAt,
            QuietFrom = quietFrom,
            QuietTo = quietTo,
        };

    [Theory]
    [InlineData(28, 9, 28, 9)] // 10:00 Berlin: outside 22–07, now
    [InlineData(28, 21, 29, 6)] // 22:00 Berlin: held until 07:00 Berlin
    [InlineData(29, 2, 29, 6)] // 03:00 Berlin: after midnight, same morning
    [InlineData(29, 6, 29, 6)] // 07:00 Berlin: quiet hours just ended
    public void Quiet_hours_across_midnight_hold_until_they_end(int day, int hour, int dueDay, int dueHour) =>
        Assert.Equal(
            Utc(dueDay, dueHour),
            DeliverySchedule.DueAt(Route(quietFrom: new(22, 0), quietTo: new(7, 0)), Utc(day, hour))
        );

    [Fact]
    public void A_daily_digest_is_due_at_its_local_time_today_or_tomorrow()
    {
        var route = Route(RouteMode.Daily, digestAt: new(8, 30));
        Assert.Equal(Utc(29, 7, 30), DeliverySchedule.DueAt(route, Utc(28, 9))); // 10:00 Berlin → tomorrow 08:30
        Assert.Equal(Utc(28, 7, 30), DeliverySchedule.DueAt(route, Utc(28, 6))); // 07:00 Berlin → today 08:30
    }

    [Fact]
    public void An_hourly_digest_is_due_at_the_next_full_hour_and_quiet_hours_still_apply()
    {
        Assert.Equal(Utc(28, 10), DeliverySchedule.DueAt(Route(RouteMode.Hourly, "UTC"), Utc(28, 9, 10)));
        Assert.Equal(
            Utc(29, 6),
            DeliverySchedule.DueAt(Route(RouteMode.Hourly, quietFrom: new(22, 0), quietTo: new(7, 0)), Utc(28, 21, 30))
        );
    }

    [Fact]
    public void Daylight_saving_changes_keep_the_local_time()
    {
        var route = Route(RouteMode.Daily, digestAt: new(8, 0));
        // Berlin is UTC+2 in summer and UTC+1 in winter; 08:00 local either way.
        Assert.Equal(
            new DateTimeOffset(2026, 10, 25, 7, 0, 0, TimeSpan.Zero),
            DeliverySchedule.DueAt(route, new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero))
        );
        Assert.Equal(
            new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero),
            DeliverySchedule.DueAt(route, new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero))
        );
    }

    [Fact]
    public void An_unknown_time_zone_is_treated_as_UTC() =>
        Assert.Equal(Utc(28, 10), DeliverySchedule.DueAt(Route(RouteMode.Hourly, "Mars/Base"), Utc(28, 9, 59)));
}
