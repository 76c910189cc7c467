using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using UpworkAssist.Web.Data;

namespace UpworkAssist.Web.Features.Security;

public static class SecuritySetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services
            .AddIdentity<AppUser, IdentityRole>(o =>
            {
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // Lockout is LoginThrottle's (by account and address): Identity's own locks an account
                // for everyone, so anyone could lock anyone out, and only for accounts that exist.
                o.Lockout.MaxFailedAccessAttempts = LoginThrottle.FailuresPerAccountAndAddress;
                o.Lockout.DefaultLockoutTimeSpan = LoginThrottle.LockFor;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.AddSingleton<LoginThrottle>();

        // A disabled account or a changed role takes effect within a minute for open sessions.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Login";
            o.Cookie.Name = "UpworkAssist.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                // A signed-in user without the role gets a plain 403 page, never a login loop.
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "UpworkAssist.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthorization(o =>
        {
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            foreach (var (policy, roles) in Policies.RolesFor)
            {
                o.AddPolicy(policy, p => p.RequireRole(roles));
                o.AddPolicy(
                    Policies.Api(policy),
                    p => p.AddAuthenticationSchemes(Policies.ApiScheme).RequireRole(roles)
                );
            }
        });
        return services;
    }

    private static Task RedirectOrStatus(
        Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx,
        int status
    )
    {
        if (Policies.IsApiRequest(ctx.Request))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
