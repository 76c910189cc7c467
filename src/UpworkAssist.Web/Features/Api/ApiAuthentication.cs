using Microsoft.AspNetCore.Identity;

namespace UpworkAssist.Web.Features.Api;

/// <summary>The JSON API accepts a personal access token (Bearer) or the browser's login cookie.</summary>
public static class ApiAuthentication
{
    public const string Scheme = "Api";

    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    public static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? AccessTokenAuthenticationHandler.SchemeName
            : IdentityConstants.ApplicationScheme;
}
