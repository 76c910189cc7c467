namespace UpworkAssist.Web.Features.Help;

public static class HelpSetup
{
    /// <summary>The docs are rendered once, at first use, and kept: they change only with a new build.</summary>
    public static IServiceCollection AddHelp(this IServiceCollection services) => services.AddSingleton<HelpDocs>();
}
