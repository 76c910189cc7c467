using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Audit;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Lanes;

public static class LanesSetup
{
    public static IServiceCollection AddLanes(this IServiceCollection services) =>
        services
            .AddSingleton<CompiledLanes>()
            .AddScoped<LaneMatcher>()
            .AddScoped<IPostingsStored, MatchOnIngest>()
            .AddScoped<IFeedSearchPlan, LaneSearchPlan>()
            .AddAuditSubjects<LaneAuditNames>()
            // A brand-new install gets editable starter lanes; an install in use is never re-seeded.
            .AddStoreSeed(
                "starter lanes",
                (db, newInstall, clock, ct) => newInstall ? StarterLanes.SeedAsync(db, clock, ct) : Task.CompletedTask
            );
}
