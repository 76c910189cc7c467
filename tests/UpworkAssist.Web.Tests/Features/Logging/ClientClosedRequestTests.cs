using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using UpworkAssist.Web.Features.Logging;

namespace UpworkAssist.Web.Tests.Features.Logging;

/// <summary>A request the client abandoned ends as 499; every other failure still reaches the error handling.</summary>
public sealed class ClientClosedRequestTests
{
    private static DefaultHttpContext Context(bool aborted)
    {
        var context = new DefaultHttpContext();
        if (aborted)
            context.RequestAborted = new CancellationToken(canceled: true);
        return context;
    }

    [Fact]
    public async Task A_cancellation_the_client_caused_ends_as_499_without_an_exception()
    {
        var context = Context(aborted: true);
        var pages = new StatusCodePagesFeature();
        context.Features.Set<IStatusCodePagesFeature>(pages);
        await new ClientClosedRequest(c => throw new TaskCanceledException()).InvokeAsync(context);
        Assert.Equal(ClientClosedRequest.Status, context.Response.StatusCode);
        Assert.False(pages.Enabled); // no error page drawn for nobody
    }

    [Fact]
    public async Task A_cancellation_of_our_own_and_any_other_failure_are_still_errors()
    {
        // Not aborted by the client: a timeout of ours, for instance.
        await Assert.ThrowsAsync<TaskCanceledException>(() =>
            new ClientClosedRequest(c => throw new TaskCanceledException()).InvokeAsync(Context(aborted: false))
        );
        // Aborted, but the failure is another.
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ClientClosedRequest(c => throw new InvalidOperationException("broken")).InvokeAsync(
                Context(aborted: true)
            )
        );
    }

    [Fact]
    public async Task A_request_that_completes_keeps_its_status()
    {
        var context = Context(aborted: false);
        await new ClientClosedRequest(c =>
        {
            c.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).InvokeAsync(context);
        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }
}
