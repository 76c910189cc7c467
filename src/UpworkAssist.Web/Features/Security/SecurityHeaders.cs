namespace UpworkAssist.Web.Features.Security;

/// <summary>Headers every response carries. Scripts come only from our own origin; nothing may frame us.</summary>
public static class SecurityHeaders
{
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The Hangfire dashboard is a third-party UI that relies on inline script and style; it is
    // Admin-only and gets a policy of its own instead of weakening every page's.
    private const string HangfireCsp =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' "
        + "data:; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The JSON API and OpenAPI document, and any CSV or JSON reply or download (exports).</summary>
    private static bool IsData(HttpContext context)
    {
        var response = context.Response;
        var type = response.ContentType ?? "";
        return context.Request.Path.StartsWithSegments("/api")
            || context.Request.Path.StartsWithSegments("/openapi")
            || type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase)
            || response.Headers.ContentDisposition.Count > 0;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/hangfire")
                        ? HangfireCsp
                        : Csp;
                    headers.XContentTypeOptions = "nosniff";
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                    headers["Cross-Origin-Opener-Policy"] = "same-origin";
                    if (IsData(context))
                    {
                        // Exports and API replies are the team's data: no browser cache or proxy keeps a copy.
                        headers.CacheControl = "no-store";
                        headers.Pragma = "no-cache";
                    }
                    return Task.CompletedTask;
                });
                await next(context);
            }
        );
}
