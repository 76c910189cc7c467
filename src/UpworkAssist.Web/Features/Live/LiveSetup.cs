using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Live;

public static class LiveSetup
{
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSingleton<ILiveChanges, InProcessLiveChanges>();
        services.AddSingleton<LiveChangeWatch>();
        // Added to the store's options from here, so the storage set-up need not know of live pages.
        services.ConfigureDbContext<AppDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<LiveChangeWatch>()));
        return services;
    }
}
