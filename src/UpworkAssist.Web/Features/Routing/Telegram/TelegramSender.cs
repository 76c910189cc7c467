using System.Net;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using UpworkAssist.Web.Features.Logging;

namespace UpworkAssist.Web.Features.Routing.Telegram;

/// <summary>Section `Telegram`.</summary>
public sealed class TelegramOptions
{
    /// <summary>The Bot API server; tests and a local Bot API server point it elsewhere.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.telegram.org");

    /// <summary>Telegram: at most one message a second to a chat.</summary>
    public TimeSpan PerChatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Telegram: at most 20 messages a minute to a group or channel.</summary>
    public TimeSpan PerGroupInterval { get; set; } = TimeSpan.FromSeconds(3);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Delivers to a Telegram route through Telegram.Bot's sendMessage (HTML parse mode, inline keyboard).
/// The route's one secret holds the bot token and the chat id, so neither is stored in the clear.
/// </summary>
public sealed class TelegramSender(
    HttpClient http,
    RouteSecrets secrets,
    TimeProvider clock,
    IOptions<TelegramOptions> options
) : IAlertSender
{
    public const string ChatPrefix = "telegram:";
    public const string GroupPrefix = "telegram-group:";

    public AlertChannel Channel => AlertChannel.Telegram;

    public TimeSpan MinInterval => options.Value.PerChatInterval;

    public TimeSpan IntervalFor(string target) =>
        target.StartsWith(GroupPrefix, StringComparison.Ordinal)
            ? options.Value.PerGroupInterval
            : options.Value.PerChatInterval;

    public static string Secret(string token, string chatId) => token.Trim() + "\n" + chatId.Trim();

    /// <summary>
    /// The delivery key: bot and chat hashed; group and channel ids (negative, or @name) have their own limit.
    /// </summary>
    public static string Target(string token, string chatId)
    {
        var chat = chatId.Trim();
        var prefix = chat.StartsWith('-') || chat.StartsWith('@') ? GroupPrefix : ChatPrefix;
        return RouteSecrets.WebhookTarget(prefix.TrimEnd(':'), token.Split(':')[0] + "/" + chat.ToLowerInvariant());
    }

    public async Task<SendOutcome> SendAsync(Delivery delivery, CancellationToken ct)
    {
        if (secrets.Unprotect(delivery.Route.SecretProtected)?.Split('\n') is not [var token, var chatId])
        {
            return RouteSecrets.Unreadable;
        }
        var message = TelegramMessageBuilder.Build(delivery, clock.GetUtcNow());
        // No retries inside the library: the outbox waits out a 429 on the fake-able clock, per chat.
        var bot = new TelegramBotClient(
            new TelegramBotClientOptions(token, options.Value.ApiBaseUrl.AbsoluteUri.TrimEnd('/'))
            {
                RetryThreshold = 0,
                RetryCount = 0,
            },
            http
        );
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            await bot.SendMessage(
                ChatId(chatId),
                message.Html,
                ParseMode.Html,
                replyMarkup: message.Keyboard,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                cancellationToken: timeout.Token
            );
            return SendOutcome.Ok;
        }
        catch (ApiRequestException ex)
        {
            return Classify(ex, message);
        }
        catch (Exception ex) when (ex is OperationCanceledException or RequestException && !ct.IsCancellationRequested)
        {
            return ex.InnerException is HttpRequestException { InnerException: TargetRefusedException refused }
                ? new SendOutcome(SendStatus.Permanent, refused.Message)
                : new SendOutcome(
                    SendStatus.Transient,
                    ex is OperationCanceledException || ex.InnerException is OperationCanceledException
                        ? "timeout"
                        : SecretRedaction.RedactText(ex.InnerException?.Message ?? "request failed")
                );
        }
    }

    private static ChatId ChatId(string chat) => long.TryParse(chat, out var id) ? new ChatId(id) : new ChatId(chat);

    /// <summary>Telegram's answers in our words only (its description may echo what we sent).</summary>
    private static SendOutcome Classify(ApiRequestException ex, TelegramMessage message)
    {
        var code = ex.ErrorCode;
        var text = ex.Message;
        bool Says(string s) => text.Contains(s, StringComparison.OrdinalIgnoreCase);
        return code switch
        {
            429 => new SendOutcome(
                SendStatus.RateLimited,
                "rate_limited (HTTP 429)",
                ex.Parameters?.RetryAfter is { } s ? TimeSpan.FromSeconds(s) : ChannelLimiter.DefaultRetryAfter
            ),
            403 => new SendOutcome(
                SendStatus.Permanent,
                Says("blocked") ? "bot_blocked (HTTP 403)"
                    : Says("kicked") || Says("not a member") ? "bot_removed_from_chat (HTTP 403)"
                    : "forbidden (HTTP 403)"
            ),
            401 or 404 => new SendOutcome(SendStatus.Permanent, $"invalid_token (HTTP {code})"),
            400 when Says("chat not found") || Says("group chat was upgraded") || Says("chat_write_forbidden") =>
                new SendOutcome(SendStatus.Permanent, "chat_not_found (HTTP 400)"),
            400 => new SendOutcome(
                SendStatus.Defect,
                $"bad_request (HTTP 400); payload: {SecretRedaction.RedactText(message.Html)}"
            ),
            >= 500 => new SendOutcome(SendStatus.Transient, $"HTTP {code}"),
            _ => new SendOutcome(SendStatus.Transient, $"HTTP {code}"),
        };
    }
}
