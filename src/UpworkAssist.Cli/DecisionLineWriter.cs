using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using UpworkAssist.Core.Lanes;
using UpworkAssist.Core.Rules;

namespace UpworkAssist.Cli;

/// <summary>
/// Writes decisions as JSON Lines in the exact RULES.md shape,
/// {"jobId":"~01a","laneId":"dotnet","matched":false,"reasons":["budget_below_floor"]},
/// from pre-encoded UTF-8 pieces into one large buffer: the CLI prints millions of these.
/// </summary>
internal sealed class DecisionLineWriter(DecisionLineWriter.Spool output, IReadOnlyList<LaneDefinition> lanes)
    : IDisposable
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
    private static readonly SearchValues<char> NeedsEscaping = SearchValues.Create("\"\\");
    private static readonly byte[][] ReasonCodesUtf8 =
    [
        .. ReasonCodes.All.Select(static code => Encoding.UTF8.GetBytes($"\"{code}\"")),
    ];

    private readonly byte[][] _laneParts =
    [
        .. lanes.Select(static lane => Encoding.UTF8.GetBytes($",\"laneId\":{Quoted(lane.Id)},\"matched\":")),
    ];
    private byte[] _buffer = new byte[1 << 20];
    private int _used;

    public void Write(string jobId, ReadOnlySpan<Reason> reasons)
    {
        ReadOnlySpan<byte> idPart = QuotedUtf8(jobId, stackalloc byte[256]);
        Reserve(_laneParts.Length * (idPart.Length + 512));
        for (int i = 0; i < _laneParts.Length; i++)
        {
            Append("{\"jobId\":"u8);
            Append(idPart);
            Append(_laneParts[i]);
            Reason reason = reasons[i];
            if (reason == Reason.None)
            {
                Append("true,\"reasons\":[]}\n"u8);
                continue;
            }

            Append("false,\"reasons\":["u8);
            for (uint bits = (uint)reason; bits != 0; bits &= bits - 1)
            {
                Append(ReasonCodesUtf8[System.Numerics.BitOperations.TrailingZeroCount(bits)]);
                if ((bits & (bits - 1)) != 0)
                {
                    Append(","u8);
                }
            }

            Append("]}\n"u8);
        }
    }

    public void Dispose() => HandOver(_buffer.Length);

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _used < bytes)
        {
            HandOver(bytes);
        }
    }

    // Full buffers are handed over whole rather than copied: the output can be hundreds of megabytes.
    private void HandOver(int nextSize)
    {
        if (_used > 0)
        {
            output.Add(_buffer, _used);
            _buffer = new byte[Math.Max(nextSize, 1 << 20)];
            _used = 0;
        }
    }

    /// <summary>Output kept in memory until the input has proven valid, then written in one go.</summary>
    public sealed class Spool
    {
        private readonly List<(byte[] Buffer, int Count)> _chunks = [];

        public void Add(byte[] buffer, int count) => _chunks.Add((buffer, count));

        public void WriteTo(Stream stream)
        {
            foreach ((byte[] buffer, int count) in _chunks)
            {
                stream.Write(buffer, 0, count);
            }

            stream.Flush();
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private static string Quoted(string value) => JsonSerializer.Serialize(value, Options);

    /// <summary>
    /// The JSON string literal of <paramref name="value"/> as UTF-8; plain printable ASCII is copied without an
    /// encoder.
    /// </summary>
    private static ReadOnlySpan<byte> QuotedUtf8(string value, Span<byte> stack)
    {
        if (
            value.Length + 2 <= stack.Length
            && Ascii.IsValid(value)
            && value.AsSpan().IndexOfAny(NeedsEscaping) < 0
            && !value.AsSpan().ContainsAnyInRange((char)0, (char)0x1F)
        )
        {
            stack[0] = (byte)'"';
            Encoding.ASCII.GetBytes(value, stack[1..]);
            stack[value.Length + 1] = (byte)'"';
            return stack[..(value.Length + 2)];
        }

        return Encoding.UTF8.GetBytes(Quoted(value));
    }
}
