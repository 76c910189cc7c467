namespace UpworkAssist.Web.Features.Analytics;

public static class AnalyticsSetup
{
    /// <summary>
    /// The analytics read from the pipeline: reports from the in-memory facts, kept built in the background.
    /// </summary>
    public static IServiceCollection AddAnalytics(this IServiceCollection services)
    {
        services.AddScoped<AnalyticsReport>();
        services.AddSingleton<FactsSnapshot>();
        services.AddSingleton<ReportPrebuild>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportPrebuild>());
        services.AddMemoryCache();
        services
            .AddOptions<AnalyticsOptions>()
            .BindConfiguration(AnalyticsOptions.Section)
            .Validate(o => o.MinimumSample > 0, "Analytics:MinimumSample must be positive.")
            .Validate(
                o => o.ReportCacheSeconds is >= 0 and <= 3600,
                "Analytics:ReportCacheSeconds must be from 0 (no cache) to 3600."
            )
            .Validate(
                o => o.Baselines.Reply.IsValid && o.Baselines.Shortlist.IsValid && o.Baselines.Win.IsValid,
                "Analytics:Baselines: each Low and High must be between 0 and 1, Low not above High."
            )
            .ValidateOnStart();
        return services;
    }
}
