using System.Collections.Frozen;
using System.Reflection;
using System.Text.RegularExpressions;
using UpworkAssist.Web.Features.Knowledge;

namespace UpworkAssist.Web.Features.Help;

/// <summary>One help page: its name in the address, its title and its sanitized HTML.</summary>
public sealed record HelpDoc(string Name, string Title, string Html);

/// <summary>
/// The repository's docs/*.md, built into the assembly and rendered once with the knowledge
/// base's Markdig and HtmlSanitizer pipeline. Only those names exist: a name is a dictionary key,
/// never a path, so nothing outside them can be read. Links between docs ("rules.md#lanes") become
/// links between help pages.
/// </summary>
public sealed partial class HelpDocs
{
    private const string Prefix = "help/";
    private readonly FrozenDictionary<string, HelpDoc> _docs;

    public HelpDocs(MarkdownRenderer renderer)
    {
        var assembly = typeof(HelpDocs).Assembly;
        var docs = new Dictionary<string, HelpDoc>(StringComparer.OrdinalIgnoreCase);
        foreach (
            var resource in assembly
                .GetManifestResourceNames()
                .Where(r =>
                    r.StartsWith(Prefix, StringComparison.Ordinal) && r.EndsWith(".md", StringComparison.Ordinal)
                )
        )
        {
            var name = resource[Prefix.Length..^".md".Length];
            var markdown = Read(assembly, resource);
            var title = Heading().Match(markdown) is { Success: true } m ? m.Groups[1].Value.Trim() : name;
            docs[name] = new HelpDoc(name, title, renderer.ToSafeHtml(Links(markdown)));
        }
        _docs = docs.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<HelpDoc> All => [.. _docs.Values.OrderBy(d => d.Title, StringComparer.Ordinal)];

    public HelpDoc? Find(string? name) =>
        name is { Length: > 0 and <= 40 } && _docs.TryGetValue(name, out var doc) ? doc : null;

    private static string Links(string markdown) =>
        DocLink().Replace(markdown, m => $"]({"/Help/" + m.Groups[1].Value + m.Groups[2].Value})");

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^#\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    // A relative link to a sibling doc: ](feed.md) or ](docs/feed.md#retention).
    [GeneratedRegex(@"\]\((?:\.?/?docs/)?([a-z0-9-]+)\.md(#[A-Za-z0-9_-]*)?\)")]
    private static partial Regex DocLink();
}
