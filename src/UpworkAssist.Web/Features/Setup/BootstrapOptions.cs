namespace UpworkAssist.Web.Features.Setup;

/// <summary>
/// Section `Bootstrap`: the first Admin of an unattended install, created at start-up on an empty store.
/// </summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }

    /// <summary>A secret: from user-secrets or the environment, never logged.</summary>
    public string? AdminPassword { get; set; }
}
