using Mono.Cecil;
using Mono.Cecil.Cil;

namespace UpworkAssist.Web.Tests.Architecture;

/// <summary>
/// Which feature uses which, read from the compiled assembly. Every type counts, compiler-made
/// ones too: an endpoint's lambda lives in a nested closure class, and a Razor page's view is
/// generated, yet both are the feature's code. A use is any type named in a signature, a field,
/// an attribute or an instruction.
/// </summary>
public sealed class FeatureGraph
{
    public const string Root = "UpworkAssist.Web.Features";

    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _uses = new(StringComparer.Ordinal);

    public FeatureGraph(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.GetTypes())
        {
            if (FeatureOf(Outermost(type).Namespace) is not { } feature)
                continue;
            foreach (var used in Referenced(type))
            {
                if (FeatureOf(Outermost(used).Namespace) is not { } other || other == feature)
                    continue;
                Add(feature, other, Outermost(type).Name);
            }
        }
    }

    public IReadOnlyCollection<string> Features => _uses.Keys;

    public IEnumerable<string> UsedBy(string feature) =>
        _uses.TryGetValue(feature, out var deps) ? deps.Keys.Order(StringComparer.Ordinal) : [];

    public bool Uses(string feature, string other) =>
        _uses.TryGetValue(feature, out var deps) && deps.ContainsKey(other);

    /// <summary>
    /// The types of <paramref name="feature"/> that use <paramref name="other"/>, for the failure message.
    /// </summary>
    public string Culprits(string feature, string other) =>
        string.Join(", ", _uses[feature][other].Order(StringComparer.Ordinal).Take(5));

    private void Add(string feature, string other, string culprit)
    {
        if (!_uses.TryGetValue(feature, out var deps))
            _uses[feature] = deps = new(StringComparer.Ordinal);
        if (!deps.TryGetValue(other, out var culprits))
            deps[other] = culprits = new(StringComparer.Ordinal);
        culprits.Add(culprit);
    }

    private static string? FeatureOf(string ns) =>
        ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : null;

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is { } outer)
            type = outer;
        return type;
    }

    private static List<TypeReference> Referenced(TypeDefinition type)
    {
        static IEnumerable<TypeReference> Of(TypeReference? t)
        {
            if (t is null)
                yield break;
            yield return t.GetElementType();
            if (t is GenericInstanceType g)
                foreach (var arg in g.GenericArguments.SelectMany(Of))
                    yield return arg;
        }

        var found = new List<TypeReference>();
        found.AddRange(Of(type.BaseType));
        found.AddRange(type.Interfaces.SelectMany(i => Of(i.InterfaceType)));
        found.AddRange(type.CustomAttributes.SelectMany(a => Of(a.AttributeType)));
        found.AddRange(type.Fields.SelectMany(f => Of(f.FieldType)));
        found.AddRange(type.Properties.SelectMany(p => Of(p.PropertyType)));
        foreach (var method in type.Methods)
        {
            found.AddRange(Of(method.ReturnType));
            found.AddRange(method.Parameters.SelectMany(p => Of(p.ParameterType)));
            found.AddRange(method.CustomAttributes.SelectMany(a => Of(a.AttributeType)));
            if (!method.HasBody)
                continue;
            found.AddRange(method.Body.Variables.SelectMany(v => Of(v.VariableType)));
            foreach (var instruction in method.Body.Instructions)
            {
                found.AddRange(
                    instruction.Operand switch
                    {
                        TypeReference t => Of(t),
                        MethodReference m => Of(m.DeclaringType)
                            .Concat(Of(m.ReturnType))
                            .Concat(m is GenericInstanceMethod gm ? gm.GenericArguments.SelectMany(Of) : []),
                        FieldReference f => Of(f.DeclaringType).Concat(Of(f.FieldType)),
                        _ => [],
                    }
                );
            }
        }
        return found;
    }
}
