using Microsoft.EntityFrameworkCore.Diagnostics;

namespace UpworkAssist.Web.Data;

/// <summary>
/// Lets a feature watch the store's commands or saves (the live pages do) without the storage
/// set-up knowing it: each registered interceptor is added to the context of whichever provider
/// is configured.
/// </summary>
public static class StoreInterceptors
{
    public static IServiceCollection AddStoreInterceptor<T>(this IServiceCollection services)
        where T : class, IInterceptor
    {
        services.AddSingleton<T>();
        services.AddSingleton<Registration>(sp => new(sp.GetRequiredService<T>()));
        return services;
    }

    internal static IInterceptor[] All(IServiceProvider services) =>
        [.. services.GetServices<Registration>().Select(r => r.Interceptor)];

    internal sealed record Registration(IInterceptor Interceptor);
}
