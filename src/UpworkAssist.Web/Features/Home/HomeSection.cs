namespace UpworkAssist.Web.Features.Home;

/// <summary>
/// One line of the home page: what needs the reader, how much of it, and the exact page (with its
/// filters) where they act on it. <see cref="Attention"/> marks what should not wait.
/// </summary>
public sealed record HomeItem(string Key, string Label, string Href)
{
    public string? Value { get; init; }
    public string? Detail { get; init; }
    public bool Attention { get; init; }
}

/// <summary>A role's part of the home page.</summary>
public sealed record HomeSection(string Role, string Title, IReadOnlyList<HomeItem> Items);
