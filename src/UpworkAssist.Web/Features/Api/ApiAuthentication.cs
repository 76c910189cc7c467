using Microsoft.AspNetCore.Identity;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Api;

/// <summary>The JSON API accepts a personal access token (Bearer) or the browser's login cookie.</summary>
public static class ApiAuthentication
{
    /// <summary>
    /// The token scheme, and the <see cref="Policies.ApiScheme"/> that picks token or cookie; with the token service.
    /// </summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services
            .AddAuthentication()
            .AddScheme<AccessTokenAuthenticationOptions, AccessTokenAuthenticationHandler>(
                AccessTokenAuthenticationHandler.SchemeName,
                null
            )
            .AddPolicyScheme(Policies.ApiScheme, "Token or cookie", o => o.ForwardDefaultSelector = SelectScheme);
        services.AddScoped<AccessTokens>();
        return services;
    }

    public static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? AccessTokenAuthenticationHandler.SchemeName
            : IdentityConstants.ApplicationScheme;
}
