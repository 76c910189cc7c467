using System.Text.Json;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Routing;
using UpworkAssist.Web.Features.Routing.Slack;

namespace UpworkAssist.Web.Tests.Features.Routing;

public sealed class SlackMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static DeliveryItem Item(int i, int size) =>
        new(
            new Posting
            {
                Id = $"~{i}",
                Title = new string('T', size),
                Description = string.Join("\n", Enumerable.Repeat(new string('d', size), 20)) + " <script> & more",
                Url = $"https://www.upwork.com/jobs/~{i}",
                PublishedAt = Now.AddMinutes(-90),
                Type = PostingType.Hourly,
                HourlyMin = 40,
                HourlyMax = 80,
                Client = new ClientFacts(new string('C', size), true, 1_000_000, 500, 5, 100),
            },
            Enumerable
                .Range(0, 30)
                .Select(l => new LaneHit(
                    $"l{l}",
                    new string('L', 90),
                    Enumerable.Repeat(new string('k', 40), 40).ToList()
                ))
                .ToList()
        );

    private static AlertRoute Route => new() { LaneId = "l0", Kind = RouteKind.Slack };

    [Theory]
    [InlineData(1, 20)]
    [InlineData(1, 10_000)]
    [InlineData(40, 5_000)]
    public void Every_message_stays_within_Block_Kit_limits(int items, int size)
    {
        var delivery = new Delivery(
            Route,
            "slack:c",
            Enumerable.Range(0, items).Select(i => Item(i, size)).ToList(),
            items > 1,
            "https://ua.example.test/"
        );
        var message = SlackMessageBuilder.Build(delivery, Now);
        var json = JsonDocument.Parse(JsonSerializer.Serialize(message)).RootElement;

        var blocks = json.GetProperty("blocks").EnumerateArray().ToList();
        Assert.InRange(blocks.Count, 1, SlackMessage.MaxBlocks);
        Assert.InRange(json.GetProperty("text").GetString()!.Length, 1, SlackMessage.MaxText);
        foreach (var block in blocks)
        {
            switch (block.GetProperty("type").GetString())
            {
                case "header":
                    Assert.InRange(
                        block.GetProperty("text").GetProperty("text").GetString()!.Length,
                        1,
                        HeaderBlock.MaxText
                    );
                    Assert.Equal("plain_text", block.GetProperty("text").GetProperty("type").GetString());
                    break;
                case "section":
                    if (block.TryGetProperty("text", out var text))
                    {
                        Assert.InRange(text.GetProperty("text").GetString()!.Length, 1, SectionBlock.MaxText);
                    }
                    if (block.TryGetProperty("fields", out var fields))
                    {
                        Assert.InRange(fields.GetArrayLength(), 1, SectionBlock.MaxFields);
                        Assert.All(
                            fields.EnumerateArray(),
                            f => Assert.InRange(f.GetProperty("text").GetString()!.Length, 1, SectionBlock.MaxFieldText)
                        );
                    }
                    break;
                case "actions":
                    Assert.All(
                        block.GetProperty("elements").EnumerateArray(),
                        b =>
                        {
                            Assert.InRange(
                                b.GetProperty("text").GetProperty("text").GetString()!.Length,
                                1,
                                Button.MaxText
                            );
                            Assert.InRange(b.GetProperty("url").GetString()!.Length, 1, Button.MaxUrl);
                        }
                    );
                    break;
                case "context":
                    Assert.InRange(block.GetProperty("elements").GetArrayLength(), 1, ContextBlock.MaxElements);
                    break;
                case "divider":
                    break;
                default:
                    Assert.Fail("unexpected block type");
                    break;
            }
        }
        Assert.DoesNotContain("<script>", JsonSerializer.Serialize(message.Blocks), StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_shows_budget_type_client_facts_applicants_age_lanes_and_both_buttons()
    {
        var posting = Item(1, 10).Posting;
        posting.TotalApplicants = 7;
        var delivery = new Delivery(
            Route,
            "slack:c",
            [new DeliveryItem(posting, [new LaneHit("b", "Blazor work", ["blazor", "dashboard"])])],
            false,
            "https://ua.example.test/"
        );
        var json = JsonSerializer.Serialize(SlackMessageBuilder.Build(delivery, Now));
        foreach (
            var expected in new[]
            {
                "$40–$80/h",
                "Hourly",
                "payment verified",
                "$1,000,000 spent",
                "500 hires",
                "★ 5.0",
                "*Applicants*\n7",
                "1 h ago",
                "Blazor work",
                "blazor, dashboard",
                "Open on Upwork",
                "Open in UpworkAssist",
                "https://ua.example.test/Queue/Job/~1",
            }
        )
        {
            Assert.Contains(JsonSerializer.Serialize(expected)[1..^1], json, StringComparison.Ordinal);
        }
    }
}
