using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Features.Live;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Features.Queue;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Live;

/// <summary>The change notifier, the store hook that feeds it, and /live as a stream and as a one-off reply.</summary>
public sealed class LiveChangesTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_listener_waits_for_the_next_change_and_gets_every_change_after_the_one_it_saw()
    {
        var changes = new InProcessLiveChanges();
        var waiting = changes.WaitAfterAsync(changes.Current, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        changes.Publish([new LiveChange(0, LiveTopic.Drafts), new LiveChange(0, LiveTopic.Matches)]);
        var got = await waiting;
        Assert.Equal([LiveTopic.Drafts, LiveTopic.Matches], got.Select(c => c.Topic));
        Assert.Equal([1L, 2L], got.Select(c => c.Number));
        Assert.Single(await changes.WaitAfterAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task Storing_matches_and_triaging_one_publish_changes_with_the_match_and_its_new_version()
    {
        var changes = _app.Services.GetRequiredService<ILiveChanges>();
        var lead = await _app.SignedInAsync(Roles.Lead);
        var before = changes.Current;
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~live-1", "Live job"));
        Assert.Contains(
            await changes.WaitAfterAsync(before, CancellationToken.None),
            c => c.Topic == LiveTopic.Matches
        );

        var seen = changes.Current;
        await lead.ActAsync(ids[0], 0, "Shortlist");
        var triage = (await changes.WaitAfterAsync(seen, CancellationToken.None)).Single(c =>
            c.Topic == LiveTopic.Triage
        );
        Assert.Equal(ids[0], triage.MatchId);
        Assert.Equal(1, triage.MatchVersion);
        Assert.StartsWith("lead-", triage.ChangedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_event_stream_accept_header_live_answers_once_with_the_figures()
    {
        var lead = await _app.SignedInAsync(Roles.Lead);
        await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~live-2", "Counted job"));
        var json = JsonDocument.Parse(await lead.GetStringAsync("/live?since=0")).RootElement;
        Assert.Equal(1, json.GetProperty("new").GetInt32());
        Assert.False(json.GetProperty("notify").GetBoolean());
    }

    [Fact]
    public async Task The_stream_says_hello_then_counts_a_match_stored_while_it_is_open()
    {
        var lead = await _app.SignedInAsync(Roles.Lead);
        // a guard against a hang, not a timing assertion
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/live");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await lead.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));

        Assert.Equal(("hello", "{\"notify\":false}"), await NextEventAsync(reader, stop.Token));
        Assert.Equal(("queue", "{\"new\":0}"), await NextEventAsync(reader, stop.Token));
        await QueueSeed.MatchesAsync(_app, "dotnet", QueueSeed.Posting(_app, "~live-3", "Arrived while open"));
        var (name, data) = await NextEventAsync(reader, stop.Token);
        Assert.Equal("change", name);
        Assert.Contains("\"topic\":\"matches\"", data, StringComparison.Ordinal);
        Assert.Equal(("queue", "{\"new\":1}"), await NextEventAsync(reader, stop.Token));
    }

    private static async Task<(string Name, string Data)> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        string? name = null,
            data = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data = line["data: ".Length..];
            else if (line.Length == 0 && name is not null)
                return (name, data ?? "");
        }
        throw new InvalidOperationException("The stream ended.");
    }
}
