using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace UpworkAssist.Web.Data;

/// <summary>Where the store, keys and logs live: `Storage:DataDirectory`, relative to the content root.</summary>
public sealed record DataPaths(string Root)
{
    public string Keys => Path.Combine(Root, "keys");
    public string Logs => Path.Combine(Root, "logs");

    public static DataPaths From(IConfiguration configuration, string contentRoot)
    {
        var root = Path.GetFullPath(StorageOptions.From(configuration).DataDirectory, contentRoot);
        Directory.CreateDirectory(root);
        return new DataPaths(root);
    }
}

public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>Which database the store is on, for the few places that speak its dialect (docs/adr/0007).</summary>
public sealed record StoreProvider(StoreKind Kind, string ConnectionString)
{
    public bool IsPostgres => Kind == StoreKind.Postgres;

    public override string ToString() => Kind.ToString();
}

public static class StorageSetup
{
    public const string DefaultConnectionString = "Data Source=data/upworkassist.db";

    /// <summary>
    /// The store's Npgsql settings where the connection string does not choose them. Statements are
    /// prepared once they have run twice on a connection (`Max Auto Prepare`): the same few run on every
    /// request (the queue's keyset query, the lookups), and planning the queue's statement costs more than
    /// running it (docs/performance.md, "PostgreSQL"). A connection going back to the pool is not reset
    /// (`No Reset On Close`), which saves a statement per use: nothing here leaves session state behind
    /// (settings are `SET LOCAL`, and the one session-level advisory lock, the poll lease's, has its own
    /// connection outside the pool). Hangfire.PostgreSql, which gets the same string, locks with rows in
    /// its own `lock` table, not with session state.
    /// </summary>
    public static string WithStoreDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        // Npgsql's builder knows every keyword; whether this string names one (even as 0 or false,
        // to turn it off) shows in the plain builder.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Names(string keyword) => given.ContainsKey(keyword) || given.ContainsKey(keyword.Replace(" ", ""));
        if (!Names("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
            if (!Names("Auto Prepare Min Usages"))
                builder.AutoPrepareMinUsages = 2;
        }
        if (!Names("No Reset On Close"))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    public static IServiceCollection AddStorage(
        this IServiceCollection services,
        IConfiguration configuration,
        string contentRoot
    )
    {
        var storage = StorageOptions.From(configuration);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddSingleton<StoreWrites>();
        services.AddSingleton<StoreCache>();
        // Pooled: a request's context is reset and reused rather than built with its internal
        // services each time (measurable on the queue, docs/performance.md). The context holds no state of its own.
        if (storage.IsPostgres)
        {
            var connectionString = WithStoreDefaults(
                configuration.GetConnectionString("Default")
                    ?? throw new InvalidOperationException(
                        "Storage:Provider is Postgres but ConnectionStrings:Default is not set."
                    )
            );
            services.AddSingleton(new StoreProvider(StoreKind.Postgres, connectionString));
            services.AddPooledDbContextFactory<PostgresAppDbContext>(
                (sp, options) => options.UseNpgsql(connectionString).AddInterceptors(Watchers(sp))
            );
            services.AddSingleton<IDbContextFactory<AppDbContext>, StoreFactory<PostgresAppDbContext>>();
            // Other instances write too: their writes reach this instance's caches through the sequence.
            services.AddSingleton<StoreVersion>();
            services.AddHostedService(sp => sp.GetRequiredService<StoreVersion>());
        }
        else
        {
            var connectionString = ResolveSqlite(
                configuration.GetConnectionString("Default") ?? DefaultConnectionString,
                contentRoot
            );
            services.AddSingleton(new StoreProvider(StoreKind.Sqlite, connectionString));
            services.AddSingleton(new SqlitePragmas());
            services.AddPooledDbContextFactory<AppDbContext>(
                (sp, options) =>
                    options
                        .UseSqlite(connectionString)
                        .AddInterceptors(sp.GetRequiredService<SqlitePragmas>())
                        .AddInterceptors(Watchers(sp))
            );
        }
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return services;
    }

    // Either provider's context carries the same watchers: the store's own write counter and
    // whatever the features registered (StoreInterceptors).
    private static IInterceptor[] Watchers(IServiceProvider sp) =>
        [.. sp.GetRequiredService<StoreWrites>().Interceptors, .. StoreInterceptors.All(sp)];

    /// <summary>Applies pending migrations of the configured provider; the store is usable only after this.</summary>
    public static async Task MigrateStoreAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await services
            .GetRequiredService<IDbContextFactory<AppDbContext>>()
            .CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL is a property of the database file: set once here, not on every connection.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>Hands out the provider's context type as the <see cref="AppDbContext"/> every feature uses.</summary>
    private sealed class StoreFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }

    // A relative SQLite file is placed relative to the content root, not the shell's directory,
    // so `dotnet run` from anywhere finds the same store.
    internal static string ResolveSqlite(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        var isFile =
            !string.IsNullOrEmpty(csb.DataSource)
            && csb.DataSource != ":memory:"
            && csb.Mode != SqliteOpenMode.Memory
            && !csb.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        if (isFile)
        {
            csb.DataSource = Path.GetFullPath(csb.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        }
        return csb.ToString();
    }

    /// <summary>
    /// Per-connection settings: the busy timeout makes writers wait instead of failing, NORMAL
    /// sync is durable enough under WAL (set once per file at start-up), and foreign keys are on.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            Apply(connection);

        public override Task ConnectionOpenedAsync(
            DbConnection connection,
            ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default
        )
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}
