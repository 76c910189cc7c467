using UpworkAssist.Web.Features.Logging;

namespace UpworkAssist.Web.Features.Routing;

/// <summary>
/// One request to a route target under its own timeout, with the failures every HTTP sender reads the
/// same way: no answer in time is transient (a shutdown is not: it propagates), a target refused by
/// <see cref="TargetHosts"/> is a setting to fix (permanent), any other connection failure is transient.
/// </summary>
public static class TargetSend
{
    public static async Task<SendOutcome> RunAsync(
        Func<CancellationToken, Task<SendOutcome>> send,
        TimeSpan timeout,
        CancellationToken ct
    )
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            return await send(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendOutcome(SendStatus.Transient, "timeout");
        }
        catch (HttpRequestException ex) when (ex.InnerException is TargetRefusedException refused)
        {
            return new SendOutcome(SendStatus.Permanent, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new SendOutcome(SendStatus.Transient, SecretRedaction.RedactText(ex.Message));
        }
    }
}
