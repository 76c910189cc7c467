using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Lanes;

public sealed class LaneSearchPlanTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<IReadOnlyList<FeedSearch>> PlanAsync() =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<IFeedSearchPlan>().PlanAsync(CancellationToken.None));

    [Fact]
    public async Task One_broad_search_covers_every_lane_until_every_enabled_lane_narrows_its_own()
    {
        var broad = Assert.Single(await PlanAsync());
        Assert.Null(broad.SearchExpression);

        var lead = await _app.SignedInAsync("Lead");
        var saved = await lead.SubmitToAsync(
            "/Lanes/Edit?id=dotnet",
            "/Lanes/Edit?handler=Save&id=dotnet",
            ("Input.Id", "dotnet"),
            ("Input.Name", ".NET"),
            ("Input.Enabled", "true"),
            ("Input.SearchExpression", "  blazor OR asp.net "),
            ("Version", "0")
        );
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        await _app.WithDbAsync(async db =>
            Assert.Equal("blazor OR asp.net", (await db.Lanes.SingleAsync(l => l.Id == "dotnet")).SearchExpression)
        );
        Assert.Null(Assert.Single(await PlanAsync()).SearchExpression);

        await _app.WithDbAsync(db =>
            db.Lanes.Where(l => l.Id != "dotnet")
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.SearchExpression, "react OR figma"))
        );
        await _app.WithDbAsync(db =>
            db.Lanes.Where(l => l.Id == "design")
                .ExecuteUpdateAsync(s =>
                    s.SetProperty(l => l.Enabled, false).SetProperty(l => l.SearchExpression, (string?)null)
                )
        );
        var narrowed = await PlanAsync();
        Assert.Equal(["blazor OR asp.net", "react OR figma"], narrowed.Select(s => s.SearchExpression));
        Assert.Equal(2, narrowed.Select(s => s.Key).Distinct().Count());
        Assert.All(narrowed, s => Assert.StartsWith("q:", s.Key, StringComparison.Ordinal));
        Assert.Equal(narrowed.Select(s => s.Key), (await PlanAsync()).Select(s => s.Key));
    }
}
