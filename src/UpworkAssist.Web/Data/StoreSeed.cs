namespace UpworkAssist.Web.Data;

/// <summary>
/// Starter content a feature puts in the store at start-up, after the migrations. Seeds run in
/// registration order; each must be idempotent. <c>newInstall</c> is true on a store with no
/// users yet: content people will edit (starter lanes) is added only then, never re-seeded.
/// </summary>
public sealed record StoreSeed(string Name, Func<AppDbContext, bool, TimeProvider, CancellationToken, Task> Run);

public static class StoreSeeds
{
    public static IServiceCollection AddStoreSeed(
        this IServiceCollection services,
        string name,
        Func<AppDbContext, bool, TimeProvider, CancellationToken, Task> run
    ) => services.AddSingleton(new StoreSeed(name, run));
}
