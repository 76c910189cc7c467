using Npgsql;

namespace UpworkAssist.Web.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the Postgres tests run against: `UPWORKASSIST_TEST_POSTGRES` (an Npgsql
/// connection string to a role that may create databases; .ci/run sets it). Each test store is a
/// fresh database, dropped afterwards. Without a server the tests skip with the install command,
/// except under CI (CI=true), where a missing server is a failure.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "UPWORKASSIST_TEST_POSTGRES";
    private const string Install =
        "install and start it with 'sudo apt-get install -y postgresql && sudo service postgresql start', create a "
        + "role "
        + "('sudo -u postgres createuser --superuser $USER'), then set UPWORKASSIST_TEST_POSTGRES, e.g. "
        + "'Host=/var/run/postgresql;Username=$USER'";

    private static readonly Lazy<string?> Reachable = new(Probe);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);

    public static void SkipWithoutServer()
    {
        if (Reachable.Value is null)
            return;
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (ci)
            throw new InvalidOperationException(
                $"CI=true but PostgreSQL is not reachable ({Reachable.Value}): {Install}."
            );
        Skip.If(true, $"PostgreSQL is not reachable ({Reachable.Value}): {Install} to run the PostgreSQL tests.");
    }

    /// <summary>A new, empty database; the connection string reaches it.</summary>
    public static string CreateDatabase()
    {
        SkipWithoutServer();
        var name = "ua_test_" + Guid.NewGuid().ToString("n");
        using (var admin = new NpgsqlConnection(ConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(ConnectionString);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }

    // Null when the server answers; otherwise why it does not.
    private static string? Probe()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            return Variable + " is not set";
        try
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            return ex.Message;
        }
    }
}
