using System.Net;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Help;

/// <summary>
/// The help pages are the repository's docs, rendered by the knowledge base's safe pipeline; only those names exist.
/// </summary>
public sealed class HelpPageTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Every_doc_is_a_help_page_and_links_between_docs_stay_in_the_help()
    {
        var browser = await _app.SignedInAsync(Roles.Freelancer);
        var index = await browser.GetStringAsync("/Help");
        foreach (
            var file in Directory.GetFiles(Path.Combine(Security.RoleMatrixTests.RepositoryRoot(), "docs"), "*.md")
        )
        {
            Assert.Contains(
                $"href=\"/Help/{Path.GetFileNameWithoutExtension(file)}\"",
                index,
                StringComparison.Ordinal
            );
        }
        var queue = await browser.GetStringAsync("/Help/queue");
        Assert.Contains("The triage queue", queue, StringComparison.Ordinal);
        Assert.Contains("href=\"/Help/feed\"", queue, StringComparison.Ordinal);
        Assert.DoesNotContain(
            "<script>",
            queue[queue.IndexOf("help-body", StringComparison.Ordinal)..],
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData("/Help/nope")]
    [InlineData("/Help/..%2Fappsettings")]
    [InlineData("/Help/%2E%2E%2F%2E%2E%2FREADME")]
    [InlineData("/Help/adr")]
    public async Task Anything_but_a_doc_name_is_not_found(string url)
    {
        var browser = await _app.SignedInAsync(Roles.Lead);
        using var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Pages_that_point_to_a_doc_link_to_its_help_page()
    {
        var browser = await _app.SignedInAsync(Roles.Admin);
        Assert.Contains("href=\"/Help/lanes\"", await browser.GetStringAsync("/Lanes/Edit"), StringComparison.Ordinal);
        Assert.Contains(
            "href=\"/Help/feed\"",
            await browser.GetStringAsync("/Admin/Feed/Connection"),
            StringComparison.Ordinal
        );
    }
}
