using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpworkAssist.Web.Features.Compliance;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Compliance;

/// <summary>
/// The inventory and its questionnaire through the pages: tagging, why, UpworkAssist's own row, roles.
/// </summary>
public sealed class InventoryTests(ComplianceApp app) : IClassFixture<ComplianceApp>
{
    private static (string, string)[] Form(string name, params string[] yes) =>
        [
            ("Input.Name", name),
            ("Input.Owner", "Sam"),
            ("Input.Decision", "Keep"),
            ("Input.Purpose", "test"),
            .. yes.Select(f => ($"Input.{f}", "true")),
        ];

    [Theory]
    [InlineData("AutoSubmits", "submits proposals without a person")]
    [InlineData("Scrapes", "copies marketplace pages")]
    [InlineData("LogsInAsYou", "logs in with your account")]
    [InlineData("MessagesClients", "contacts clients without your action")]
    [InlineData("BypassesLimits", "gets around the marketplace's limits")]
    public async Task Any_yes_tags_a_tool_risky_and_says_which_answer_decided(string field, string reason)
    {
        var lead = await app.SignedInAsync("Lead");
        var name = $"Tool {field}";
        var response = await lead.SubmitAsync("/Compliance/Tool", Form(name, field));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var tool = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<Web.Data.AppDbContext>().AutomationTools.SingleAsync(t => t.Name == name)
        );
        var result = ToolAssessment.Assess(tool);
        Assert.True(result.Risky);
        Assert.Single(result.Reasons);
        var html = WebUtility.HtmlDecode(await lead.GetStringAsync("/Compliance/Inventory"));
        var row = html[html.IndexOf($"data-tool=\"{name}\"", StringComparison.Ordinal)..];
        Assert.Contains(">Risky<", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains(reason, row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_with_every_answer_no_is_safe_and_several_yes_answers_give_every_reason()
    {
        var lead = await app.SignedInAsync("Lead");
        await lead.SubmitAsync("/Compliance/Tool", Form("Slack job alerts"));
        await lead.SubmitAsync("/Compliance/Tool", Form("Bid bot", "AutoSubmits", "Scrapes", "LogsInAsYou"));
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(
                "Safe",
                ToolAssessment.Assess(await db.AutomationTools.SingleAsync(t => t.Name == "Slack job alerts")).Tag
            );
            var bot = ToolAssessment.Assess(await db.AutomationTools.SingleAsync(t => t.Name == "Bid bot"));
            Assert.Equal(3, bot.Reasons.Count);
            Assert.StartsWith("Risky: it submits proposals", bot.Why, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task UpworkAssist_lists_itself_as_safe_and_its_answers_cannot_be_changed_or_removed()
    {
        var admin = await app.SignedInAsync("Admin");
        var self = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<Web.Data.AppDbContext>().AutomationTools.SingleAsync(t => t.IsBuiltIn)
        );
        Assert.Equal(BuiltInTool.Name, self.Name);
        Assert.False(ToolAssessment.Assess(self).Risky);

        var url = $"/Compliance/Tool?id={self.Id}";
        var response = await admin.SubmitToAsync(
            url,
            url,
            [
                ("Input.Name", "Renamed"),
                ("Input.Owner", "Olive"),
                ("Input.Decision", "Keep"),
                ("Input.AutoSubmits", "true"),
                ("Input.Scrapes", "true"),
            ]
        );
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await app.WithDbAsync(async db =>
        {
            var after = await db.AutomationTools.AsNoTracking().SingleAsync(t => t.IsBuiltIn);
            Assert.Equal(BuiltInTool.Name, after.Name);
            Assert.Equal("Olive", after.Owner); // owner and decision are the team's to set
            Assert.False(after.AutoSubmits || after.Scrapes);
        });

        await admin.SubmitToAsync("/Compliance/Inventory", $"/Compliance/Inventory?handler=Delete&id={self.Id}");
        Assert.True(
            await app.WithScopeAsync(sp =>
                sp.GetRequiredService<Web.Data.AppDbContext>().AutomationTools.AnyAsync(t => t.IsBuiltIn)
            )
        );
    }

    [Fact]
    public async Task Managers_read_the_inventory_but_cannot_add_or_remove_tools_and_every_change_is_audited()
    {
        var lead = await app.SignedInAsync("Lead");
        await lead.SubmitAsync("/Compliance/Tool", Form("Proposal tracker sheet"));
        var id = await app.WithScopeAsync(sp =>
            sp.GetRequiredService<Web.Data.AppDbContext>()
                .AutomationTools.Where(t => t.Name == "Proposal tracker sheet")
                .Select(t => t.Id)
                .SingleAsync()
        );

        var manager = await app.SignedInAsync("Manager");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/Compliance/Inventory")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/Compliance/Tool")).StatusCode);
        var delete = await manager.SubmitToAsync(
            "/Compliance/Inventory",
            $"/Compliance/Inventory?handler=Delete&id={id}"
        );
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);

        await lead.SubmitToAsync("/Compliance/Inventory", $"/Compliance/Inventory?handler=Delete&id={id}");
        await app.WithDbAsync(async db =>
        {
            Assert.False(await db.AutomationTools.AnyAsync(t => t.Id == id));
            var actions = await db
                .AuditEvents.Where(a => a.SubjectType == "tool" && a.SubjectId == id.ToString())
                .Select(a => a.Action)
                .ToListAsync();
            Assert.Equal(["compliance.tool_created", "compliance.tool_deleted"], actions);
        });
    }

    [Fact]
    public async Task A_tool_needs_a_name_and_names_are_unique()
    {
        var lead = await app.SignedInAsync("Lead");
        var blank = await lead.SubmitAsync("/Compliance/Tool", Form(""));
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("Name the tool.", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await lead.SubmitAsync("/Compliance/Tool", Form("Twice"));
        var again = await lead.SubmitAsync("/Compliance/Tool", Form("Twice"));
        Assert.Contains("already listed", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
