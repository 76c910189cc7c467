using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Live;

public static class LiveSetup
{
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSingleton<ILiveChanges, InProcessLiveChanges>();
        // Added to the store's options from here, so the storage set-up need not know of live pages.
        services.AddStoreInterceptor<LiveChangeWatch>();
        // Other instances' writes (PostgreSQL only; on SQLite it returns at once).
        services.AddHostedService<OutsideChanges>();
        return services;
    }
}
