using System.Net;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Queue;

/// <summary>
/// The API's facts beside the job (issue 15) on the queue and the job page, and the filters that use them.
/// </summary>
public sealed class PostingFactsTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Renewed_filled_enterprise_applied_client_facts_show_and_open_only_hides_filled_and_applied_jobs()
    {
        var filled = QueueSeed.Posting(_app, "~filled", "Filled ASP.NET Core API");
        filled.FreelancersToHire = 0;
        var applied = QueueSeed.Posting(_app, "~applied", "Applied ASP.NET Core API");
        applied.Applied = true;
        var open = QueueSeed.Posting(_app, "~open", "Open ASP.NET Core API");
        open.FreelancersToHire = 2;
        open.Enterprise = true;
        open.RenewedAt = _app.Clock.GetUtcNow().AddMinutes(-2);
        open.ClientMemberSince = new DateTimeOffset(2019, 3, 4, 0, 0, 0, TimeSpan.Zero);
        open.ClientHasFinancialPrivacy = true;
        var ids = await QueueSeed.MatchesAsync(_app, "dotnet", filled, applied, open);
        var lead = await _app.SignedInAsync("Lead");

        var all = WebUtility.HtmlDecode(await lead.GetStringAsync("/Queue"));
        foreach (
            var label in new[]
            {
                "filled",
                "already applied from this account",
                "renewed",
                "enterprise",
                "client since 2019",
                "spend private",
            }
        )
        {
            Assert.Contains($">{label}</span>", all, StringComparison.Ordinal);
        }
        var openOnly = await lead.GetStringAsync("/Queue?hideClosed=true");
        Assert.Contains("Open ASP.NET Core API", openOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("Filled ASP.NET Core API", openOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("Applied ASP.NET Core API", openOnly, StringComparison.Ordinal);

        var job = WebUtility.HtmlDecode(await lead.GetStringAsync("/Queue/Job/~open"));
        Assert.Contains(">renewed</span>", job, StringComparison.Ordinal);
        Assert.Contains(">client since 2019</span>", job, StringComparison.Ordinal);

        // The link from a catch-up alert: just those matches, whatever their status.
        var some = await lead.GetStringAsync($"/Queue?status=All&matches={ids[0]},{ids[2]},x,-4");
        Assert.Contains("Filled ASP.NET Core API", some, StringComparison.Ordinal);
        Assert.Contains("Open ASP.NET Core API", some, StringComparison.Ordinal);
        Assert.DoesNotContain("Applied ASP.NET Core API", some, StringComparison.Ordinal);
        Assert.Contains("Showing the 2 matches of one alert", some, StringComparison.Ordinal);
        var none = await lead.GetAsync("/Queue?matches=x");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.DoesNotContain("ASP.NET Core API", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
