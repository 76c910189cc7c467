using NetArchTest.Rules;
using Xunit.Abstractions;

namespace UpworkAssist.Web.Tests.Architecture;

/// <summary>
/// The walls between features (issue 18, docs/architecture.md): no two feature namespaces depend
/// on each other both ways, and Core stays free of the web stack.
/// </summary>
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    private const string Features = "UpworkAssist.Web.Features";

    [Fact]
    public void No_two_features_depend_on_each_other_both_ways()
    {
        var assembly = typeof(Program).Assembly;
        var features = Types.InAssembly(assembly).That().ResideInNamespaceStartingWith(Features + ".").GetTypes()
            .Select(t => FeatureOf(t.Namespace!)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.True(features.Count > 10, "the feature namespaces were not found");

        var uses = features.ToDictionary(f => f, f => features.Where(other => other != f && Depends(assembly, f, other)).ToHashSet(StringComparer.Ordinal));
        foreach (var (feature, deps) in uses)
        {
            output.WriteLine($"{feature} -> {string.Join(", ", deps.Order(StringComparer.Ordinal))}");
        }
        var cycles = (from a in features
                      from b in uses[a]
                      where string.CompareOrdinal(a, b) < 0 && uses[b].Contains(a)
                      select $"{a} <-> {b} ({Culprits(assembly, a, b)} / {Culprits(assembly, b, a)})").ToList();
        Assert.True(cycles.Count == 0, "features that depend on each other both ways: " + string.Join("; ", cycles));
    }

    [Fact]
    public void Core_references_no_web_data_http_or_slack_library()
    {
        var result = Types.InAssembly(typeof(UpworkAssist.Core.ProductInfo).Assembly)
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.Net.Http", "Hangfire", "UpworkAssist.Web", "Slack", "MailKit")
            .GetResult();
        Assert.True(result.IsSuccessful, "Core types with forbidden references: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    private static string Culprits(System.Reflection.Assembly assembly, string feature, string other) => string.Join(", ",
        Types.InAssembly(assembly).That().ResideInNamespace($"{Features}.{feature}").And().HaveDependencyOn($"{Features}.{other}")
            .GetTypes().Select(t => t.Name).Take(4));

    private static string FeatureOf(string ns) => ns[(Features.Length + 1)..].Split('.')[0];

    private static bool Depends(System.Reflection.Assembly assembly, string feature, string other) =>
        // Both match by namespace prefix, so a feature's sub-namespaces (Routing.Slack) count as the feature.
        Types.InAssembly(assembly).That().ResideInNamespace($"{Features}.{feature}")
            .And().HaveDependencyOn($"{Features}.{other}").GetTypes().Any();
}
