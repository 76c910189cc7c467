using NetArchTest.Rules;
using Xunit.Abstractions;

namespace UpworkAssist.Web.Tests.Architecture;

/// <summary>
/// The walls between features (issue 18, docs/architecture.md): no two feature namespaces depend
/// on each other both ways, and Core stays free of the web stack.
/// </summary>
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    [Fact]
    public void No_two_features_depend_on_each_other_both_ways()
    {
        var graph = new FeatureGraph(typeof(Program).Assembly.Location);
        var features = graph.Features.Order(StringComparer.Ordinal).ToList();
        Assert.True(features.Count > 10, "the feature namespaces were not found");
        foreach (var feature in features)
        {
            output.WriteLine($"{feature} -> {string.Join(", ", graph.UsedBy(feature))}");
        }
        var cycles = (
            from a in features
            from b in graph.UsedBy(a)
            where string.CompareOrdinal(a, b) < 0 && graph.Uses(b, a)
            select $"{a} <-> {b} ({graph.Culprits(a, b)} / {graph.Culprits(b, a)})"
        ).ToList();
        Assert.True(cycles.Count == 0, "features that depend on each other both ways: " + string.Join("; ", cycles));
    }

    [Fact]
    public void Core_references_no_web_data_http_or_slack_library()
    {
        var result = Types
            .InAssembly(typeof(UpworkAssist.Core.ProductInfo).Assembly)
            .ShouldNot()
            .HaveDependencyOnAny(
                "Microsoft.AspNetCore",
                "Microsoft.EntityFrameworkCore",
                "System.Net.Http",
                "Hangfire",
                "UpworkAssist.Web",
                "Slack",
                "MailKit"
            )
            .GetResult();
        Assert.True(
            result.IsSuccessful,
            "Core types with forbidden references: " + string.Join(", ", result.FailingTypeNames ?? [])
        );
    }
}
