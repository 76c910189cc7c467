using UpworkAssist.Web.Features.Analytics;

namespace UpworkAssist.Web.Features.Pipeline;

public static class PipelineSetup
{
    /// <summary>The pipeline (stage changes, contracts) and the analytics read from it.</summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services)
    {
        services.AddScoped<ProposalStages>();
        services.AddScoped<AnalyticsReport>();
        services.AddSingleton<FactsSnapshot>();
        services.AddSingleton<ReportPrebuild>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportPrebuild>());
        services.AddMemoryCache();
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section)
            .Validate(o => o.MinimumSample > 0, "Analytics:MinimumSample must be positive.")
            .Validate(o => o.ReportCacheSeconds is >= 0 and <= 3600, "Analytics:ReportCacheSeconds must be from 0 (no cache) to 3600.")
            .Validate(o => o.Baselines.Reply.IsValid && o.Baselines.Shortlist.IsValid && o.Baselines.Win.IsValid,
                "Analytics:Baselines: each Low and High must be between 0 and 1, Low not above High.")
            .ValidateOnStart();
        return services;
    }
}
