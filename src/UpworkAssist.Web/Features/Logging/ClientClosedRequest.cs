using Microsoft.AspNetCore.Diagnostics;

namespace UpworkAssist.Web.Features.Logging;

/// <summary>
/// A request the client gave up on (a closed tab, a dropped connection, a load test ending) ends
/// as 499, nginx's "client closed request", instead of reaching the request log as an error 500.
/// Nobody receives that answer; the point is the log, where a false error hides real ones. Only
/// a cancellation caused by the client counts: one from a timeout of our own stays an error.
/// </summary>
public sealed class ClientClosedRequest(RequestDelegate next)
{
    public const int Status = 499;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            if (!context.Response.HasStarted)
                context.Response.StatusCode = Status;
            // No error page for a client that is gone.
            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
        }
    }
}
