using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;

namespace UpworkAssist.Web.Features.Security;

/// <summary>
/// Authorizes each page by its row in <see cref="AccessPolicy"/>; a page without a row stops start-up.
/// </summary>
public sealed class AccessPageConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model) =>
        model.EndpointMetadata.Add(Metadata(AccessPolicy.ForPage(model.ViewEnginePath)));

    internal static object Metadata(AccessRule rule) =>
        rule.Policy == Policies.Anonymous
            ? new AllowAnonymousAttribute()
            : new AuthorizeAttribute(rule.TakesToken ? Policies.Api(rule.Policy) : rule.Policy);
}

/// <summary>
/// Authorizes a page's named handlers by their own rows: Razor Pages ignore [Authorize] on handler
/// methods, so without this a POST handler would be open to anyone who may read its page.
/// </summary>
public sealed class AccessHandlerFilter(IAuthorizationService authorization, ILogger<AccessHandlerFilter> logger)
    : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(
        PageHandlerExecutingContext context,
        PageHandlerExecutionDelegate next
    )
    {
        if (context.HandlerMethod is { } handler)
        {
            var url = AccessPolicy.PageUrl(context.ActionDescriptor.ViewEnginePath);
            var page = AccessPolicy.ForPage(context.ActionDescriptor.ViewEnginePath);
            var rule = AccessPolicy.Find(handler.HttpMethod.ToUpperInvariant(), url, handler.Name);
            if (rule is null)
            {
                // Fail closed: a handler nobody decided about is nobody's.
                logger.LogWarning(
                    "No access rule for {Method} {Page} handler {Handler}; refused",
                    handler.HttpMethod,
                    url,
                    handler.Name
                );
                context.Result = new ForbidResult();
                return;
            }
            if (
                rule.Policy != page.Policy
                && rule.Policy != Policies.Anonymous
                && !(await authorization.AuthorizeAsync(context.HttpContext.User, rule.Policy)).Succeeded
            )
            {
                context.Result =
                    context.HttpContext.User.Identity?.IsAuthenticated == true
                        ? new ForbidResult()
                        : new ChallengeResult();
                return;
            }
        }
        await next();
    }
}

public static class AccessEndpoints
{
    /// <summary>
    /// Authorizes every endpoint of this builder by its row in <see cref="AccessPolicy"/>, found by route pattern and
    /// method.
    /// </summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var pattern =
                (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText
                ?? throw new InvalidOperationException("Only routed endpoints have access rules.");
            var methods = endpoint
                .Metadata.OfType<HttpMethodMetadata>()
                .SelectMany(m => m.HttpMethods)
                .Distinct()
                .ToList();
            var method = methods.Count == 1 ? methods[0] : "ANY";
            var rule =
                AccessPolicy.Find(method, pattern)
                ?? throw new InvalidOperationException(
                    $"{method} {pattern} has no row in AccessPolicy.Rules; decide who may use it there."
                );
            endpoint.Metadata.Add(AccessPageConvention.Metadata(rule));
        });
        return builder;
    }
}
