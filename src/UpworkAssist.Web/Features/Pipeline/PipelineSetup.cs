using UpworkAssist.Web.Features.Audit;

namespace UpworkAssist.Web.Features.Pipeline;

public static class PipelineSetup
{
    /// <summary>The pipeline: stage changes, milestones and contracts.</summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services) => services
        .AddScoped<ProposalStages>()
        .AddAuditSubjects<ProposalAuditNames>();
}
