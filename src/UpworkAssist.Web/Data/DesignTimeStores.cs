using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UpworkAssist.Web.Data;

/// <summary>
/// Lets `dotnet ef migrations add … --context PostgresAppDbContext` build the PostgreSQL model
/// without a server: generating a migration never connects (docs/operations.md, "Migrations").
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options
        );
}

/// <summary>The same for the SQLite migrations (`--context UpworkAssist.Web.Data.AppDbContext`).</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=design_time.db").Options);
}
