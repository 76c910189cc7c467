namespace UpworkAssist.Web.Data;

/// <summary>Section `Storage` (CONTRACTS.md); the connection string is `ConnectionStrings:Default`.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>`Sqlite` (the embedded default) or `Postgres` (several instances, docs/operations.md).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// Where the SQLite store, its Data Protection keys and the logs live, relative to the content root.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    public bool IsPostgres => Provider.Equals(Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>Read once while the services are registered: the provider decides which services exist.</summary>
    public static StorageOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<StorageOptions>() ?? new StorageOptions();
        if (!options.IsPostgres && !options.Provider.Equals(Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Storage:Provider '{options.Provider}' is not supported. Use 'Sqlite' (the default) or 'Postgres'."
            );
        }
        return options;
    }
}
