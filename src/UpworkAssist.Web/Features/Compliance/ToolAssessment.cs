namespace UpworkAssist.Web.Features.Compliance;

/// <summary>
/// The questionnaire's verdict. A tool is risky when it does any of the things the marketplace's
/// rules forbid (auto-submitting, scraping, acting as the person, contacting clients on its own,
/// getting around limits); otherwise it is safe. The reasons say which answers decided it.
/// </summary>
public static class ToolAssessment
{
    public sealed record Question(string Field, string Text, string RiskyBecause);

    public static readonly IReadOnlyList<Question> Questions =
    [
        new(
            nameof(AutomationTool.AutoSubmits),
            "Does it submit proposals or bids by itself?",
            "it submits proposals without a person sending each one"
        ),
        new(
            nameof(AutomationTool.Scrapes),
            "Does it scrape marketplace pages (jobs, profiles, client data)?",
            "it copies marketplace pages instead of using the official API"
        ),
        new(
            nameof(AutomationTool.LogsInAsYou),
            "Does it need your marketplace login or act as you?",
            "it logs in with your account and acts as you"
        ),
        new(
            nameof(AutomationTool.MessagesClients),
            "Does it message clients or reply to them on its own?",
            "it contacts clients without your action"
        ),
        new(
            nameof(AutomationTool.BypassesLimits),
            "Does it get around captchas, rate limits or verification?",
            "it gets around the marketplace's limits or checks"
        ),
    ];

    public sealed record Result(bool Risky, IReadOnlyList<string> Reasons)
    {
        public string Tag => Risky ? "Risky" : "Safe";

        public string Why =>
            Risky
                ? "Risky: " + string.Join("; ", Reasons) + "."
                : "Safe: it does not submit, scrape, log in as you, message clients or get around limits; a person "
                    + "stays in the loop.";
    }

    public static Result Assess(AutomationTool tool)
    {
        var answers = new[]
        {
            tool.AutoSubmits,
            tool.Scrapes,
            tool.LogsInAsYou,
            tool.MessagesClients,
            tool.BypassesLimits,
        };
        var reasons = Questions.Where((_, i) => answers[i]).Select(q => q.RiskyBecause).ToList();
        return new Result(reasons.Count > 0, reasons);
    }
}
