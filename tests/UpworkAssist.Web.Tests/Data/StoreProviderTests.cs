using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Stores;

/// <summary>The store on each provider: migrated at start, reported by /healthz, usable through the pages.</summary>
public sealed class StoreProviderTests
{
    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task The_store_is_migrated_at_start_and_health_names_the_provider(string provider)
    {
        await using var app = TestApp.On(provider);
        var health = await app.Browser().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(provider, body.RootElement.GetProperty("provider").GetString());
        Assert.True(body.RootElement.GetProperty("migrated").GetBoolean());

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(provider == "Postgres", db.Database.IsNpgsql());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.NotEmpty(await db.Lanes.ToListAsync());
        });

        var lead = await app.SignedInAsync("Lead");
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/Lanes")).StatusCode);
    }

    [Theory]
    [InlineData("Host=db;Username=u", 64, true)]
    [InlineData("Host=db;Username=u;Max Auto Prepare=5;No Reset On Close=false", 5, false)]
    [InlineData("Host=db;Username=u;NoResetOnClose=false", 64, false)]
    [InlineData("Host=db;Username=u;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=db;Username=u;MaxAutoPrepare=0", 0, true)]
    public void Postgres_connections_prepare_repeated_statements_and_skip_the_reset_unless_the_string_says_otherwise(
        string given,
        int maxAutoPrepare,
        bool noReset
    )
    {
        var used = new Npgsql.NpgsqlConnectionStringBuilder(StorageSetup.WithStoreDefaults(given));
        Assert.Equal((maxAutoPrepare, noReset, "db"), (used.MaxAutoPrepare, used.NoResetOnClose, used.Host));
    }

    [SkippableFact]
    public async Task On_postgres_the_key_ring_lives_in_the_store_so_any_instance_reads_a_cookie()
    {
        await using var app = TestApp.OnPostgres();
        var lead = await app.SignedInAsync("Lead");
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/Lanes")).StatusCode);
        var keys = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().DataProtectionKeys.CountAsync()
        );
        Assert.True(keys > 0);
        Assert.False(
            Directory.Exists(Path.Combine(app.DataDirectory, "keys"))
                && Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "keys")).Any()
        );
    }
}
