using System.Globalization;

namespace UpworkAssist.Web.Tests.Infrastructure;

/// <summary>
/// The protocols of Telegram's Bot API, Discord's execute-webhook and Teams Workflows, as answers a
/// <see cref="FakeService"/> gives: success, rate limits, permanent refusals and outages, each in the
/// shape the real service sends (status, headers, JSON body).
/// </summary>
public static class FakeTelegram
{
    public static bool Is(ServiceRequest r) =>
        r.Path.StartsWith("/bot", StringComparison.Ordinal)
        && r.Path.EndsWith("/sendMessage", StringComparison.Ordinal);

    public static ServiceReply Ok(ServiceRequest r) =>
        new(
            200,
            $$$"""
            {"ok":true,"result":{"message_id":1,"date":{{{r.At.ToUnixTimeSeconds()}}},
             "chat":{"id":{{{ChatIdNumber(r)}}},"type":"private"},"text":"x"}}
            """
        );

    public static ServiceReply TooManyRequests(int seconds) =>
        new(
            429,
            $$$"""
            {"ok":false,"error_code":429,"description":"Too Many Requests: retry after {{{seconds}}}",
             "parameters":{"retry_after":{{{seconds}}}}}
            """
        );

    public static readonly ServiceReply Blocked = new(
        403,
        """{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"""
    );
    public static readonly ServiceReply Kicked = new(
        403,
        """{"ok":false,"error_code":403,"description":"Forbidden: bot was kicked from the group chat"}"""
    );
    public static readonly ServiceReply ChatNotFound = new(
        400,
        """{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"""
    );
    public static readonly ServiceReply Outage = new(
        502,
        """{"ok":false,"error_code":502,"description":"Bad Gateway"}"""
    );

    private static string ChatIdNumber(ServiceRequest r) =>
        r.Json.TryGetProperty("chat_id", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.Number
            ? c.GetRawText()
            : "1";
}

public static class FakeDiscord
{
    public static bool Is(ServiceRequest r) => r.Path.StartsWith("/api/webhooks/", StringComparison.Ordinal);

    public static ServiceReply Ok(int remaining = 4, double resetAfter = 1) =>
        new(
            204,
            null,
            new Dictionary<string, string>
            {
                ["X-RateLimit-Limit"] = "5",
                ["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture),
                ["X-RateLimit-Reset-After"] = resetAfter.ToString(CultureInfo.InvariantCulture),
                ["X-RateLimit-Bucket"] = "abcd1234",
            }
        );

    public static ServiceReply TooManyRequests(double seconds) =>
        new(
            429,
            $$"""
            {"message":"You are being rate limited.",
             "retry_after":{{seconds.ToString(CultureInfo.InvariantCulture)}},"global":false}
            """,
            new Dictionary<string, string> { ["X-RateLimit-Scope"] = "user" }
        );

    public static readonly ServiceReply UnknownWebhook = new(404, """{"message":"Unknown Webhook","code":10015}""");
    public static readonly ServiceReply InvalidForm = new(400, """{"message":"Invalid Form Body","code":50035}""");
    public static readonly ServiceReply Outage = new(503, "upstream connect error");
}

public static class FakeTeams
{
    public static bool Is(ServiceRequest r) => r.Path.StartsWith("/workflows/", StringComparison.Ordinal);

    public static readonly ServiceReply Accepted = new(202);

    public static ServiceReply TooManyRequests(int seconds) =>
        new(
            429,
            """{"error":{"code":"WorkflowRequestsThrottled","message":"Rate limit is exceeded."}}""",
            new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) }
        );

    public static readonly ServiceReply NotFound = new(
        404,
        """{"error":{"code":"WorkflowNotFound","message":"The workflow was not found."}}"""
    );
    public static readonly ServiceReply Outage = new(500, """{"error":{"code":"InternalServerError"}}""");
}
