using UpworkAssist.Web.Features.Analytics;

namespace UpworkAssist.Web.Tests.Features.Analytics;

/// <summary>The median by selection against the median of a sorted copy.</summary>
public sealed class MedianTests
{
    [Theory]
    [InlineData(new double[] { 7 }, 7)]
    [InlineData(new double[] { 3, 1 }, 2)]
    [InlineData(new double[] { 5, 1, 3 }, 3)]
    [InlineData(new double[] { 4, 4, 4, 1 }, 4)]
    [InlineData(new double[] { 9, -2, 0.5, 7, 3, 3 }, 3)]
    public void Known_medians(double[] values, double expected) =>
        Assert.Equal(expected, ProposalMetrics.Median(values));

    [Fact]
    public void No_values_no_median() => Assert.Null(ProposalMetrics.Median([]));

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 101)]
    [InlineData(3, 1000)]
    [InlineData(4, 1001)]
    public void Selection_gives_the_median_of_the_sorted_values(int seed, int count)
    {
        var random = new Random(seed);
        for (var round = 0; round < 50; round++)
        {
            // Few distinct values as well as many: ties are where selection goes wrong.
            var distinct = round % 2 == 0 ? 5 : 1_000_000;
            var values = Enumerable.Range(0, count).Select(_ => (double)random.Next(distinct) / 7).ToArray();
            var sorted = values.Order().ToArray();
            var expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
            Assert.Equal(expected, ProposalMetrics.Median(values));
        }
    }
}
