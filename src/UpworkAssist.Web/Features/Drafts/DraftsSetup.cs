namespace UpworkAssist.Web.Features.Drafts;

public static class DraftsSetup
{
    public static IServiceCollection AddDrafts(this IServiceCollection services)
    {
        services.AddOptions<DraftingOptions>().BindConfiguration(DraftingOptions.Section)
            .Validate(o => o.DailyProposalCap > 0 && o.MaxLength > 0 && o.OpeningMaxLength > 0, "Drafts limits must be positive.")
            .ValidateOnStart();
        return services;
    }
}
