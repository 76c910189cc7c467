namespace UpworkAssist.Web.Features.Analytics;

/// <summary>A proportion with its 95% Wilson score interval.</summary>
public readonly record struct Rate(int Successes, int Trials, double Low, double High)
{
    public double? Value => Trials == 0 ? null : (double)Successes / Trials;

    public static Rate Of(int successes, int trials) => Wilson.Interval(successes, trials);
}

/// <summary>
/// The Wilson score interval (Wilson 1927; recommended over the Wald interval by Newcombe 1998
/// and by Brown, Cai and DasGupta 2001 because it stays inside [0, 1] and keeps its coverage at
/// small n and at rates near 0, where agency reply and win rates live).
/// </summary>
public static class Wilson
{
    /// <summary>The two-sided 95% normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    public static Rate Interval(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, Math.Max(trials, 0));
        if (trials == 0)
        {
            return new Rate(0, 0, 0, 1);
        }
        double n = trials,
            p = successes / n,
            z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        // Clamp rounding noise at the ends: 0/n has a lower bound of exactly 0, n/n an upper of 1.
        return new Rate(
            successes,
            trials,
            successes == 0 ? 0 : Math.Max(0, centre - half),
            successes == trials ? 1 : Math.Min(1, centre + half)
        );
    }
}
