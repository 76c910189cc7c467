using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.BackgroundJobs;

namespace UpworkAssist.Web.Features.Pipeline;

public static class PipelineSetup
{
    /// <summary>The pipeline: stage changes, milestones and contracts, and the read-only proposal sync.</summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services) =>
        services
            .AddScoped<ProposalStages>()
            .AddScoped<ProposalSync>()
            .AddScoped<ApiProposalSource>()
            .AddScoped<DemoProposalSource>()
            .AddRecurringJob<ProposalSyncJob>(
                ProposalSyncJob.Id,
                "* * * * *",
                job => job.RunAsync(CancellationToken.None)
            )
            .AddAuditSubjects<ProposalAuditNames>();
}
