namespace UpworkAssist.Web.Features.Home;

public static class HomeSetup
{
    public static IServiceCollection AddHome(this IServiceCollection services)
    {
        services.AddScoped<HomeVisits>();
        services.AddScoped<LeadHome>();
        services.AddScoped<FreelancerHome>();
        services.AddScoped<ManagerHome>();
        services.AddScoped<AdminHome>();
        services.AddScoped<FirstHourChecklist>();
        return services;
    }
}
