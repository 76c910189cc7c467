using System.Globalization;
using MimeKit;
using netDumbster.smtp;
using UpworkAssist.Web.Tests.Features.Routing;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Compliance;

/// <summary>
/// Where what the Admins are told arrives: a real SMTP server (netDumbster) on a free port and a
/// fake Slack, with the settings that point the application at both.
/// </summary>
public sealed class AdminInbox : IAsyncDisposable
{
    private readonly int _smtpPort = RoutingHarness.FreePort();
    private SimpleSmtpServer? _smtp;

    private AdminInbox(FakeSlack slack)
    {
        Slack = slack;
        StartMail();
    }

    public FakeSlack Slack { get; }

    public static async Task<AdminInbox> StartAsync() => new(await FakeSlack.StartAsync());

    public Dictionary<string, string?> Settings(string from) =>
        new()
        {
            ["Slack:ApiBaseUrl"] = Slack.BaseUrl + "api/",
            ["Routing:AllowedTargetHosts:0"] = Slack.AllowedHost,
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Smtp:UseTls"] = "false",
            ["Smtp:From"] = from,
            ["Routing:DispatcherEnabled"] = "false",
            ["Routing:PublicUrl"] = "https://assist.example.test/",
        };

    /// <summary>The mail server goes down: sends fail until <see cref="StartMail"/>.</summary>
    public void StopMail()
    {
        _smtp?.Dispose();
        _smtp = null;
    }

    public void StartMail() => _smtp = SimpleSmtpServer.Start(_smtpPort);

    /// <summary>Mail received since the server last started; the server keeps no order.</summary>
    public List<MimeMessage> Mails() =>
        _smtp
            ?.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))
            .ToList()
        ?? [];

    public async ValueTask DisposeAsync()
    {
        StopMail();
        await Slack.DisposeAsync();
    }
}
