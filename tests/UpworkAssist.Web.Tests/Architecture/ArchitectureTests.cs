using NetArchTest.Rules;
using Xunit.Abstractions;

namespace UpworkAssist.Web.Tests.Architecture;

/// <summary>
/// The walls between features (issue 18, docs/architecture.md): no two feature namespaces depend
/// on each other both ways, Core stays free of the web stack, and no line of code is over 120 columns.
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

    // Proposal templates keep one paragraph per line: a break inside their raw literals would be a break
    // in every draft made from them.
    private static readonly string[] ContentFiles = ["StarterTemplates.cs", "TemplateDrafter.cs"];
    private static readonly string[] CodeFolders = ["src", "tests", "bench"];
    private static readonly string[] Generated = ["Migrations", "obj", "bin"];

    [Fact]
    public void No_line_of_code_is_longer_than_120_characters()
    {
        var root = Features.Security.RoleMatrixTests.RepositoryRoot();
        var longLines = (
            from folder in CodeFolders
            from file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
            where !Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Intersect(Generated).Any()
            where !ContentFiles.Contains(Path.GetFileName(file))
            from line in File.ReadLines(file).Select((text, i) => (text, number: i + 1))
            where line.text.Length > 120
            select $"{Path.GetRelativePath(root, file)}:{line.number} ({line.text.Length})"
        ).ToList();
        Assert.True(longLines.Count == 0, "Lines over 120 characters:\n" + string.Join("\n", longLines));
    }
}
