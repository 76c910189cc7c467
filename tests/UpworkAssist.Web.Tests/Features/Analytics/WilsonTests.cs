using UpworkAssist.Web.Features.Analytics;

namespace UpworkAssist.Web.Tests.Features.Analytics;

public sealed class WilsonTests
{
    // Newcombe RG (1998), "Two-sided confidence intervals for the single proportion: comparison of
    // seven methods", Statistics in Medicine 17:857–872, Table II, method 3 (Wilson score, no
    // continuity correction). Each value was also recomputed by hand from the closed form.
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    [InlineData(29, 29, 0.8830, 1.0000)]
    public void Matches_the_published_Wilson_intervals(int successes, int trials, double low, double high)
    {
        var rate = Wilson.Interval(successes, trials);
        Assert.Equal(low, Math.Round(rate.Low, 4), 10);
        Assert.Equal(high, Math.Round(rate.High, 4), 10);
        Assert.Equal((double)successes / trials, rate.Value!.Value, 12);
    }

    [Fact]
    public void No_trials_means_no_rate_and_the_whole_unit_interval()
    {
        var rate = Wilson.Interval(0, 0);
        Assert.Null(rate.Value);
        Assert.Equal((0d, 1d), (rate.Low, rate.High));
    }

    [Fact]
    public void More_successes_than_trials_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Wilson.Interval(3, 2));

    [Fact]
    public void A_baseline_judges_only_when_the_whole_interval_is_outside_it()
    {
        var reply = new Baseline { Low = 0.20, High = 0.35 };
        Assert.Equal("within", reply.Judge(Wilson.Interval(81, 263))); // [0.255, 0.366] overlaps
        Assert.Equal("below", reply.Judge(Wilson.Interval(15, 148))); // [0.062, 0.161]
        Assert.Equal("above", reply.Judge(Wilson.Interval(29, 29))); // [0.883, 1]
        Assert.Equal("below", reply.Judge(Wilson.Interval(1, 29))); // [0.006, 0.172]
        // 50% in [0.095, 0.905]
        Assert.Equal("above the range, interval overlaps it", reply.Judge(Wilson.Interval(1, 2)));
        // 15% in [0.052, 0.360]
        Assert.Equal("below the range, interval overlaps it", reply.Judge(Wilson.Interval(3, 20)));
        Assert.Equal("no data", reply.Judge(Wilson.Interval(0, 0)));
    }
}
