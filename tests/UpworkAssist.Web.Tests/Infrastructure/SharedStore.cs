using Npgsql;

namespace UpworkAssist.Web.Tests.Infrastructure;

/// <summary>
/// Several app instances on one PostgreSQL database, as behind a load balancer: one database
/// for all, dropped when the last app is gone, and one fake time for all clocks.
/// </summary>
public sealed class SharedStore : IAsyncDisposable
{
    private readonly List<TestApp> _apps = [];

    public string ConnectionString { get; } = PostgresServer.CreateDatabase();

    public IReadOnlyList<TestApp> Apps => _apps;

    /// <summary>Starts one more instance; every instance's clock shows the same time.</summary>
    public TestApp Start(Dictionary<string, string?>? settings = null) =>
        Add(TestApp.OnSharedPostgres(ConnectionString, settings));

    /// <summary>Takes an app built elsewhere (a harness's) as one of the instances.</summary>
    public TestApp Add(TestApp app)
    {
        if (_apps.Count > 0)
            app.Clock.SetUtcNow(_apps[0].Clock.GetUtcNow());
        _apps.Add(app);
        _ = app.Services; // start the host
        return app;
    }

    public void Advance(TimeSpan by)
    {
        foreach (var app in _apps)
            app.Clock.Advance(by);
    }

    /// <summary>
    /// Moves every clock on a second at a time, letting the background loops run between steps,
    /// until the condition holds; fails after <paramref name="seconds"/> of fake time.
    /// </summary>
    public async Task DriveUntilAsync(Func<Task<bool>> condition, int seconds = 120, string? what = null)
    {
        for (var i = 0; i < seconds * 20; i++)
        {
            if (await condition())
                return;
            await Task.Delay(5);
            if (i % 20 == 19)
                Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Fail($"Not within {seconds} s of fake time: {what ?? "the condition"}");
    }

    /// <summary>Ends the database sessions of one application name, as if that process died.</summary>
    public async Task<int> KillSessionsAsync(string applicationName)
    {
        await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        await admin.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND application_name "
                + "= @app",
            admin
        );
        kill.Parameters.AddWithValue("db", new NpgsqlConnectionStringBuilder(ConnectionString).Database!);
        kill.Parameters.AddWithValue("app", applicationName);
        return Convert.ToInt32(await kill.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
            await app.DisposeAsync();
        PostgresServer.DropDatabase(ConnectionString);
    }
}
