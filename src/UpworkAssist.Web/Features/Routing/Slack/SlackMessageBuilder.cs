using System.Globalization;
using System.Text;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;

namespace UpworkAssist.Web.Features.Routing.Slack;

/// <summary>Renders a delivery as a Block Kit message within Slack's limits, with a plain-text fallback.</summary>
public static class SlackMessageBuilder
{
    /// <summary>Blocks one posting takes; a digest shows as many postings as fit under 50 blocks.</summary>
    private const int BlocksPerItem = 6;
    private const int DescriptionChars = 600;

    /// <summary>
    /// Postings a catch-up message shows in full: headline and queue button, then a divider and the blocks of each.
    /// </summary>
    public const int CatchUpItemsPerMessage = (SlackMessage.MaxBlocks - 2) / (BlocksPerItem + 1);

    public static SlackMessage Build(Delivery delivery, DateTimeOffset now)
    {
        var blocks = new List<SlackBlock>();
        var items = delivery.Items;
        if (delivery.IsTest)
        {
            blocks.Add(new SectionBlock(new Markdown("*Test message from UpworkAssist.* This route works.")));
        }
        if (delivery.CatchUpTotal is not null)
        {
            blocks.Add(
                new SectionBlock(new Markdown(Truncate($"*{Escape(delivery.CatchUpHeadline)}.*", SectionBlock.MaxText)))
            );
            if (delivery.QueueLink is { Length: <= Button.MaxUrl } link)
            {
                blocks.Add(
                    new ActionsBlock([new Button(new PlainText("Open these in the queue"), link, "open_queue")])
                );
            }
        }
        var shown = Shown(items.Count, blocks.Count);
        foreach (var item in items.Take(shown))
        {
            if (blocks.Count > 0)
            {
                blocks.Add(new DividerBlock());
            }
            blocks.AddRange(ItemBlocks(item, delivery.PublicUrl, now));
        }
        if (items.Count > shown)
        {
            blocks.Add(
                new ContextBlock([new Markdown(Escape($"…and {items.Count - shown} more matches in UpworkAssist."))])
            );
        }
        return new SlackMessage(FallbackText(delivery), blocks);
    }

    /// <summary>
    /// How many postings fit beside <paramref name="leading"/> blocks, keeping one block for "…and N more" when some
    /// are left out.
    /// </summary>
    private static int Shown(int count, int leading)
    {
        static int Blocks(int n, int leading) => leading + n * BlocksPerItem + Math.Max(0, leading > 0 ? n : n - 1);
        var n = count;
        while (n > 0 && Blocks(n, leading) + (n < count ? 1 : 0) > SlackMessage.MaxBlocks)
        {
            n--;
        }
        return n;
    }

    public static string FallbackText(Delivery delivery)
    {
        var text = new StringBuilder(delivery.IsTest ? "Test message from UpworkAssist. " : "");
        if (delivery.CatchUpTotal is not null)
        {
            text.Append(delivery.CatchUpHeadline).Append(". ");
        }
        foreach (var item in delivery.Items)
        {
            text.Append(
                CultureInfo.InvariantCulture,
                $"New match: {item.Posting.Title} ({Budget(item.Posting)}) for "
                    + $"{string.Join(", ", item.Lanes.Select(l => l.LaneName))}. "
            );
        }
        // Slack reads the fallback as mrkdwn too (notifications, screen readers): a title's <!channel> must stay text.
        return Truncate(Escape(text.ToString().TrimEnd()), SlackMessage.MaxText);
    }

    private static IEnumerable<SlackBlock> ItemBlocks(DeliveryItem item, string publicUrl, DateTimeOffset now)
    {
        var p = item.Posting;
        yield return new HeaderBlock(new PlainText(Truncate($"{p.Title} · {Budget(p)}", HeaderBlock.MaxText)));
        yield return new SectionBlock(
            null,
            [
                Field("Client", ClientLine(p.Client)),
                Field("Applicants", p.TotalApplicants?.ToString(CultureInfo.InvariantCulture) ?? "unknown"),
                Field("Posted", Age(now - p.PublishedAt)),
                Field("Type", p.Type == PostingType.Hourly ? "Hourly" : "Fixed price"),
            ]
        );
        var lanes = string.Join(
            "\n",
            item.Lanes.Select(l =>
                $"• *{Escape(l.LaneName)}*: "
                + (
                    l.Keywords.Count > 0
                        ? "every rule passes; keywords found: " + Escape(string.Join(", ", l.Keywords))
                        : "every rule passes"
                )
            )
        );
        yield return new SectionBlock(new Markdown(Truncate("*Matched lanes*\n" + lanes, SectionBlock.MaxText)));
        var description = FirstLines(p.Description);
        if (description.Length > 0)
        {
            yield return new SectionBlock(new Markdown(Truncate(Escape(description), SectionBlock.MaxText)));
        }
        var buttons = new List<Button>();
        if (p.Url is { Length: > 0 and <= Button.MaxUrl })
        {
            buttons.Add(new Button(new PlainText("Open on Upwork"), p.Url, "open_upwork"));
        }
        buttons.Add(
            new Button(
                new PlainText("Open in UpworkAssist"),
                Truncate(QueueLinks.ForPosting(publicUrl, p.Id), Button.MaxUrl),
                "open_app"
            )
        );
        yield return new ActionsBlock(buttons);
    }

    public static string Budget(Posting p) =>
        p.Type == PostingType.Hourly
            ? p.HourlyMin is null && p.HourlyMax is null
                ? "hourly, rate not given"
                : $"{Money(p.HourlyMin)}–{Money(p.HourlyMax)}/h"
            : p.FixedBudget is { } budget
                ? $"{Money(budget)} fixed"
                : "fixed, budget not given";

    public static string ClientLine(ClientFacts c) =>
        string.Join(
            " · ",
            new[]
            {
                c.PaymentVerified switch
                {
                    true => "payment verified",
                    false => "payment not verified",
                    _ => null,
                },
                c.TotalSpent is { } spent ? $"{Money(spent)} spent" : null,
                c.TotalHires is { } hires ? $"{hires} hires" : null,
                c.Rating is { } rating ? $"★ {rating.ToString("0.0", CultureInfo.InvariantCulture)}" : null,
                c.Country,
            }.Where(s => s is not null)
        );

    public static string Age(TimeSpan age) =>
        age.TotalMinutes < 1 ? "just now"
        : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min ago"
        : age.TotalDays < 1 ? $"{(int)age.TotalHours} h ago"
        : $"{(int)age.TotalDays} d ago";

    public static string FirstLines(string description)
    {
        var lines = description
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(4);
        return Truncate(string.Join("\n", lines), DescriptionChars);
    }

    private static Markdown Field(string label, string value) =>
        new(Truncate($"*{label}*\n{Escape(value.Length == 0 ? "unknown" : value)}", SectionBlock.MaxFieldText));

    private static string Money(decimal? amount) =>
        amount is null ? "?" : "$" + amount.Value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// The one escape for other people's text in mrkdwn and the fallback: Slack's mrkdwn treats
    /// these three as control characters (mentions such as &lt;!channel&gt;, links &lt;url|label&gt;).
    /// </summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
