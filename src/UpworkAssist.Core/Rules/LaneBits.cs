namespace UpworkAssist.Core.Rules;

/// <summary>
/// A table of per-lane bitsets: one row per keyword (or skill, or country), one bit per lane.
/// Rows are ORed into a job's accumulators as occurrences are found, so a job costs one OR per
/// occurrence whatever the number of keywords.
/// </summary>
internal sealed class LaneBits(int rows, int lanes)
{
    private readonly ulong[] _bits = new ulong[rows * WordsFor(lanes)];

    public int Words { get; } = WordsFor(lanes);

    public static int WordsFor(int lanes) => Math.Max(1, (lanes + 63) / 64);

    public void Set(int row, int lane) => _bits[(row * Words) + (lane >> 6)] |= 1UL << (lane & 63);

    public bool Has(int row, int lane) => (_bits[(row * Words) + (lane >> 6)] & (1UL << (lane & 63))) != 0;

    public void OrInto(int row, Span<ulong> accumulator)
    {
        ReadOnlySpan<ulong> source = _bits.AsSpan(row * Words, Words);
        for (int w = 0; w < source.Length; w++)
        {
            accumulator[w] |= source[w];
        }
    }

    public static bool Has(ReadOnlySpan<ulong> accumulator, int lane) =>
        (accumulator[lane >> 6] & (1UL << (lane & 63))) != 0;
}
