namespace UpworkAssist.Web.Data;

/// <summary>Section `Storage` (CONTRACTS.md); the connection string is `ConnectionStrings:Default`.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "Sqlite";

    /// <summary>Only `Sqlite` in this version.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Where the store, Data Protection keys and logs live, relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Read once while the services are registered: the provider decides which services exist.</summary>
    public static StorageOptions From(IConfiguration configuration) => configuration.GetSection(Section).Get<StorageOptions>() ?? new StorageOptions();
}
