using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Analytics;
using UpworkAssist.Web.Features.Pipeline;
using UpworkAssist.Web.Tests.Features.Pipeline;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Analytics;

/// <summary>`Analytics:ReportCacheSeconds`: 0 builds every view; values out of range stop start-up.</summary>
public sealed class AnalyticsSettingsTests
{
    private static readonly ClaimsPrincipal Manager = Principals.Of("m", "Manager");

    private static Task<bool> BuiltAsync(TestApp app) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var choices = await FilterChoices.LoadAsync(
                db,
                sp.GetRequiredService<ITemplateNames>(),
                Manager,
                CancellationToken.None
            );
            return (
                await sp.GetRequiredService<AnalyticsReport>()
                    .GetOrBuildAsync(new(), Manager, choices, ReportDetail.Page, CancellationToken.None)
            ).Built;
        });

    [Fact]
    public async Task With_the_report_cache_off_every_view_builds_its_report_and_nothing_is_kept_built()
    {
        using var app = new TestApp(new() { ["Analytics:ReportCacheSeconds"] = "0" });
        await new KnownPipeline().SeedAsync(app);
        var manager = await app.SignedInAsync("Manager");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/Analytics")).StatusCode);
        Assert.True(await BuiltAsync(app));
        Assert.True(await BuiltAsync(app));
        Assert.Equal(
            0,
            await app.Services.GetRequiredService<ReportPrebuild>().RebuildAsync(CancellationToken.None, renew: true)
        );
    }

    [Fact]
    public async Task By_default_a_report_is_reused_for_a_minute()
    {
        using var app = new TestApp();
        await new KnownPipeline().SeedAsync(app);
        Assert.True(await BuiltAsync(app));
        Assert.False(await BuiltAsync(app));
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True(await BuiltAsync(app));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("3601")]
    public void A_report_cache_time_out_of_range_is_refused_with_a_clear_message(string seconds)
    {
        // The options are validated on start (ValidateOnStart), which stops the process with this message.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Analytics:ReportCacheSeconds"] = seconds })
            .Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddAnalytics()
            .BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() =>
            services.GetRequiredService<IOptions<AnalyticsOptions>>().Value
        );
        Assert.Contains(
            "Analytics:ReportCacheSeconds must be from 0 (no cache) to 3600.",
            error.Message,
            StringComparison.Ordinal
        );
    }
}
