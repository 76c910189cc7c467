using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Tests.Infrastructure;

/// <summary>
/// Every page handler and endpoint of the running application, found from its EndpointDataSource
/// and the compiled pages' handler methods, with a URL that reaches each and its AccessPolicy row
/// (null when it has none: the role-matrix test reports those).
/// </summary>
public static partial class RouteCatalog
{
    public const string SamplePosting = "~matrix";

    public sealed record Route(string Key, string Method, string Url, AccessRule? Rule)
    {
        public string Page => Key.Split(' ', 2)[1].Split("?handler=")[0];
    }

    [GeneratedRegex(@"\{\**([A-Za-z]+)(:[^}?]*)?\??\}")]
    private static partial Regex RouteParameter();

    /// <summary>Values for route parameters, so each request reaches its page rather than a 404 from routing.</summary>
    public static string Fill(string template) =>
        RouteParameter()
            .Replace(
                template,
                m =>
                    m.Groups[1].Value switch
                    {
                        "postingId" => SamplePosting,
                        "code" => "404",
                        "documentName" => "v1",
                        _ => "",
                    }
            )
            .TrimEnd('/')
            is { Length: > 0 } url
            ? url
            : "/";

    /// <param name="query">The query string for a page's handler-less GET (a subject id), by rule key.</param>
    public static List<Route> Discover(IServiceProvider services, Func<string, string> query)
    {
        var routes = new List<Route>();
        var loader = services.GetRequiredService<PageLoader>();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        // A page has one endpoint per route it answers (/Queue and /Queue/Index); its shortest is enough.
        foreach (
            var page in endpoints
                .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
                .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath)
        )
        {
            var endpoint = page.OrderBy(e => e.RoutePattern.RawText?.Length ?? 0).First();
            var descriptor = endpoint.Metadata.GetMetadata<PageActionDescriptor>()!;
            var url = AccessPolicy.PageUrl(descriptor.ViewEnginePath);
            var filled = Fill("/" + endpoint.RoutePattern.RawText);
            var compiled = loader.LoadAsync(descriptor, EndpointMetadataCollection.Empty).GetAwaiter().GetResult();
            // A page without a PageModel has no handler methods and answers GET all the same.
            var handlers =
                compiled.HandlerMethods.Count > 0
                    ? compiled.HandlerMethods.Select(h => (h.HttpMethod, h.Name)).ToList()
                    : [("Get", null)];
            foreach (var (httpMethod, handlerName) in handlers)
            {
                var name = string.IsNullOrEmpty(handlerName) ? null : handlerName;
                var method = httpMethod.ToUpperInvariant();
                var key = AccessPolicy.KeyOf(method, url, name);
                routes.Add(
                    new Route(
                        key,
                        method,
                        filled + (name is null ? query(key) : "?handler=" + name),
                        AccessPolicy.Find(method, url, name)
                    )
                );
            }
        }
        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null))
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            var m = methods.Count == 1 ? methods[0] : "ANY";
            var path = pattern.StartsWith('/') ? pattern : "/" + pattern;
            routes.Add(
                new Route(
                    AccessPolicy.KeyOf(m, path, null),
                    m == "ANY" ? "GET" : m,
                    Fill(path),
                    AccessPolicy.Find(m, path)
                )
            );
        }
        return routes;
    }
}
