namespace UpworkAssist.Web.Features.Shared;

/// <summary>
/// How a demo posting is told apart, wherever a posting shows (the `_Demo` partial): the demo
/// feed gives every posting it makes up this ciphertext prefix.
/// </summary>
public static class DemoPostings
{
    public const string IdPrefix = "~0demo";

    public static bool IsDemo(string? postingId) => postingId?.StartsWith(IdPrefix, StringComparison.Ordinal) == true;
}
