using UpworkAssist.Core.Rules;

namespace UpworkAssist.Web.Features.Lanes;

/// <summary>
/// Keeps the compiled rules engine between ingest batches: compiling every lane's keywords into
/// the automaton is the costly step, and the lanes change far less often than postings arrive.
/// Any saved change bumps a lane's Version, which changes the key and forces a recompile.
/// </summary>
public sealed class CompiledLanes
{
    // A reference swapped whole, so concurrent ingest batches never see a torn pair.
    private sealed record Entry(string Key, CompiledLaneSet Set);

    private Entry? _current;

    public CompiledLaneSet For(IReadOnlyList<Lane> enabledLanes)
    {
        var key = string.Join('\n', enabledLanes.Select(l => $"{l.Id}:{l.Version}:{l.UpdatedAt.UtcTicks}"));
        var current = Volatile.Read(ref _current);
        if (current?.Key == key)
        {
            return current.Set;
        }
        var set = CompiledLaneSet.Compile(enabledLanes.Select(LaneRules.ToCore).ToList());
        Volatile.Write(ref _current, new Entry(key, set));
        return set;
    }
}
