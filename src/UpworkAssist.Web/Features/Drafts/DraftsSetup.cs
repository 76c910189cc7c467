using UpworkAssist.Web.Data;
using Microsoft.Extensions.Options;

namespace UpworkAssist.Web.Features.Drafts;

/// <summary>Proposal drafts (issue 7): drafters, checks, pace guard, starter templates and pages.</summary>
public static class DraftsSetup
{
    public static IServiceCollection AddDrafts(this IServiceCollection services)
    {
        services.AddOptions<DraftingOptions>().BindConfiguration(DraftingOptions.Section)
            .Validate(o => o.DailyProposalCap > 0 && o.MaxLength > 0 && o.OpeningMaxLength > 0, "Drafts limits must be positive.")
            .ValidateOnStart();
        services.AddOptions<AiOptions>().BindConfiguration(AiOptions.Section).ValidateOnStart();
        services.AddStoreSeed("starter templates", (db, _, clock, ct) => StarterTemplates.SeedAsync(db, clock, ct));
        services.AddSingleton<IValidateOptions<AiOptions>, AiOptionsValidation>();

        // The AI call's own timeout (Ai:Timeout, on the injected clock) governs; the HttpClient's must not cut in first.
        services.AddHttpClient(AiChatClients.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddScoped<AiChatClients>();
        services.AddScoped<AiDrafter>();
        services.AddScoped<TemplateDrafter>();
        services.AddScoped<DraftChecks>();
        services.AddScoped<PaceGuard>();
        services.AddScoped<DraftWorkflow>();
        services.AddScoped<ManualSend>();
        return services;
    }
}

internal sealed class AiOptionsValidation : IValidateOptions<AiOptions>
{
    public ValidateOptionsResult Validate(string? name, AiOptions o)
    {
        var failures = new List<string>();
        if (o.UsesAi && o.Endpoint is null)
        {
            failures.Add($"Ai:Endpoint is required when Ai:Provider is {o.Provider}.");
        }
        if (o.UsesAi && string.IsNullOrWhiteSpace(o.Model))
        {
            failures.Add($"Ai:Model is required when Ai:Provider is {o.Provider}.");
        }
        if (o.Timeout <= TimeSpan.Zero || o.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("Ai:Timeout must be more than zero and at most 00:10:00.");
        }
        if (o.MaxOutputTokens is < 50 or > 8000)
        {
            failures.Add("Ai:MaxOutputTokens must be between 50 and 8000.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
