using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Lanes;
using UpworkAssist.Web.Features.Queue;
using UpworkAssist.Web.Features.Security;

namespace UpworkAssist.Web.Features.Live;

/// <summary>
/// GET /live: server-sent events for the open pages of one tab, through the sign-in cookie and the
/// access table like any page. Events: "hello" (whether the reader asked for browser
/// notifications), "queue" (how many matches the reader may see arrived after the page was drawn,
/// `since` being the newest match id it showed, within its lane) and "change" (one store change:
/// its topic and, for triage, the match, version and whether the reader made it). A request that
/// does not accept text/event-stream gets the same figures once as JSON, so nothing waits forever.
/// </summary>
public static class LiveEndpoint
{
    public const string Path = "/live";

    /// <summary>A quiet connection says something this often, so proxies do not close it.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(25);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, StreamAsync).RequireAccess().ExcludeFromDescription();
        return app;
    }

    private static async Task StreamAsync(
        HttpContext http,
        ILiveChanges changes,
        IServiceScopeFactory scopes,
        TimeProvider clock,
        IHostApplicationLifetime lifetime
    )
    {
        var user = http.User;
        var lane = http.Request.Query["lane"].ToString() is { Length: > 0 and <= 64 } l ? l : null;
        // Shutdown ends every stream, so the host never waits for an open tab.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(
            http.RequestAborted,
            lifetime.ApplicationStopping
        );
        var ct = stop.Token;
        var seen = changes.Current;
        var since = long.TryParse(
            http.Request.Query["since"],
            NumberStyles.None,
            CultureInfo.InvariantCulture,
            out var s
        )
            ? s
            : await NewestMatchAsync(scopes, ct);
        var notify = BrowserNotifications.IsOn(user);

        http.Response.Headers.CacheControl = "no-store";
        if (!http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            await http.Response.WriteAsJsonAsync(
                new { notify, @new = await NewSinceAsync(scopes, user, since, lane, ct) },
                ct
            );
            return;
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await SendAsync(http, "hello", new { notify }, ct);
        await SendAsync(http, "queue", new { @new = await NewSinceAsync(scopes, user, since, lane, ct) }, ct);
        var me = user.Identity?.Name;
        var myId = JobAccess.Me(user);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                IReadOnlyList<LiveChange> batch;
                try
                {
                    batch = await changes.WaitAfterAsync(seen, ct).WaitAsync(KeepAlive, clock, ct);
                }
                catch (TimeoutException)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    continue;
                }
                seen = batch[^1].Number;
                foreach (var c in batch)
                {
                    await SendAsync(
                        http,
                        "change",
                        new
                        {
                            topic = c.Topic.ToString().ToLowerInvariant(),
                            match = c.MatchId,
                            version = c.MatchVersion,
                            mine = c.ChangedBy is not null && c.ChangedBy == me,
                            by = c.ChangedBy,
                            assignedToMe = c.AssigneeId is not null && c.AssigneeId == myId,
                        },
                        ct
                    );
                }
                if (batch.Any(c => c.Topic is LiveTopic.Matches or LiveTopic.Triage))
                {
                    await SendAsync(
                        http,
                        "queue",
                        new { @new = await NewSinceAsync(scopes, user, since, lane, ct) },
                        ct
                    );
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The tab closed or the application is stopping.
        }
    }

    private static async Task SendAsync(HttpContext http, string name, object data, CancellationToken ct)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }

    /// <summary>The newest match id in the store: what a page drew, when it did not say.</summary>
    public static async Task<long> NewestMatchAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Matches.MaxAsync(m => (long?)m.Id, ct)
            ?? 0;
    }

    /// <summary>
    /// New matches after <paramref name="since"/> the reader may see: for those who triage, New ones;
    /// for a freelancer, the ones assigned to them.
    /// </summary>
    private static async Task<int> NewSinceAsync(
        IServiceScopeFactory scopes,
        ClaimsPrincipal user,
        long since,
        string? lane,
        CancellationToken ct
    )
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var q = JobAccess.Visible(db.Matches.AsNoTracking(), user).Where(m => m.Id > since);
        if (JobAccess.ReadsAll(user))
            q = q.Where(m => m.Status == MatchStatus.New);
        if (lane is not null)
            q = q.Where(m => m.LaneId == lane);
        return await q.CountAsync(ct);
    }
}
