using Microsoft.Extensions.Options;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Pipeline;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>Proposal drafts (issue 7): drafters, checks, pace guard, starter templates and pages.</summary>
public static class DraftsSetup
{
    public static IServiceCollection AddDrafts(this IServiceCollection services)
    {
        services
            .AddOptions<DraftingOptions>()
            .BindConfiguration(DraftingOptions.Section)
            .Validate(
                o => o.DailyProposalCap > 0 && o.MaxLength > 0 && o.OpeningMaxLength > 0,
                "Drafts limits must be positive."
            )
            .ValidateOnStart();
        services
            .AddOptions<AiOptions>()
            .BindConfiguration(AiOptions.Section)
            .Validate(
                o => o.Provider != AiProvider.OpenAI || (o.Endpoint is not null && !string.IsNullOrWhiteSpace(o.Model)),
                "Ai:Endpoint is required when Ai:Provider is OpenAI. Ai:Model is required when Ai:Provider is OpenAI."
            )
            .Validate(
                o => o.Provider != AiProvider.Ollama || (o.Endpoint is not null && !string.IsNullOrWhiteSpace(o.Model)),
                "Ai:Endpoint is required when Ai:Provider is Ollama. Ai:Model is required when Ai:Provider is Ollama."
            )
            .Validate(
                o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(10),
                "Ai:Timeout must be more than zero and at most 00:10:00."
            )
            .Validate(o => o.MaxOutputTokens is >= 50 and <= 8000, "Ai:MaxOutputTokens must be between 50 and 8000.")
            .ValidateOnStart();
        services.AddStoreSeed("starter templates", (db, _, clock, ct) => StarterTemplates.SeedAsync(db, clock, ct));

        // The AI call's own timeout (Ai:Timeout, on the injected clock) governs; the HttpClient's must not cut in
        // first.
        services.AddHttpClient(AiChatClients.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddScoped<AiChatClients>();
        services.AddScoped<AiDrafter>();
        services.AddScoped<TemplateDrafter>();
        services.AddScoped<DraftChecks>();
        services.AddScoped<PaceGuard>();
        services.AddScoped<DraftWorkflow>();
        services.AddScoped<ManualSend>();
        services.AddAuditSubjects<DraftAuditNames>();
        services.AddScoped<ITemplateNames, DraftTemplateNames>();
        return services;
    }
}
