using System.Net;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Drafts;

/// <summary>The AI drafter through the real pages against a fake OpenAI-compatible server on a real listener.</summary>
public sealed class AiDrafterTests : IAsyncLifetime
{
    private const string Key = "sk-test-secret-123";
    private AiHarness _h = null!;

    private FakeOpenAi _fake => _h.Fake;
    private TestApp _app => _h.App;

    public async Task InitializeAsync() => _h = await AiHarness.StartAsync(Key);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_successful_answer_becomes_the_draft_with_token_use_and_the_prompt_has_job_profile_and_rules()
    {
        _fake.Reply = AiReply.Draft(
            "Hi there, Stripe webhook retries are my daily bread.\n\nAda",
            prompt: 412,
            completion: 96
        );
        var posting = await DraftsTestData.SeedPostingAsync(_app);
        var (browser, user) = await DraftsTestData.SignInAsync(_app);

        var id = await DraftsTestData.StartDraftAsync(_app, browser, posting.Id, useAi: true);

        var draft = await DraftsTestData.DraftAsync(_app, id);
        Assert.Equal("OpenAI", draft.Drafter);
        Assert.Equal("Hi there, Stripe webhook retries are my daily bread.\n\nAda", draft.GeneratedText);
        Assert.Equal(draft.GeneratedText, draft.Text);
        Assert.Equal(412, draft.InputTokens);
        Assert.Equal(96, draft.OutputTokens);
        Assert.NotNull(draft.LatencyMs);
        Assert.Equal("dotnet", draft.LaneId);
        Assert.Equal(user.Id, draft.FreelancerId);

        var request = Assert.Single(_fake.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {Key}", request.Authorization);
        Assert.Equal("fake-model", request.Json.GetProperty("model").GetString());
        var prompt = string.Join(
            "\n",
            request.Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString())
        );
        Assert.Contains(posting.Title, prompt, StringComparison.Ordinal);
        Assert.Contains("I fix payment back ends.", prompt, StringComparison.Ordinal);
        Assert.Contains(".NET and C# backends", prompt, StringComparison.Ordinal);
        Assert.Contains("1200 characters", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, _app.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_answer_past_the_timeout_shows_a_message_and_the_template_drafter_still_works()
    {
        _fake.Reply = new AiReply(AiReplyKind.Slow);
        var posting = await DraftsTestData.SeedPostingAsync(_app);
        var (browser, _) = await DraftsTestData.SignInAsync(_app);
        await DraftsTestData.AssignAsync(_app, browser, posting.Id);
        var url = $"/Drafts/New?postingId={Uri.EscapeDataString(posting.Id)}";
        var token = await browser.AntiforgeryTokenAsync(url);

        var post = browser.PostAsync(
            url,
            new FormUrlEncodedContent([new("UseAi", "true"), new("__RequestVerificationToken", token)])
        );
        // Move the fake clock past Ai:Timeout while the request waits (no real waiting).
        while (!post.IsCompleted)
        {
            if (await Task.WhenAny(post, Task.Delay(10)) != post && _fake.Requests.Count > 0)
            {
                _app.Clock.Advance(TimeSpan.FromSeconds(5));
            }
        }
        var response = await post;
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("did not answer within 30 seconds", html, StringComparison.Ordinal);
        Assert.Contains("Use the template drafter instead", html, StringComparison.Ordinal);
        await AssertTemplateFallbackWorksAsync(browser, posting.Id);
    }

    [Fact]
    public async Task A_server_error_is_reported_with_its_status_and_offers_the_template()
    {
        _fake.Reply = new AiReply(AiReplyKind.Error, Status: 500);
        var posting = await DraftsTestData.SeedPostingAsync(_app);
        var (browser, _) = await DraftsTestData.SignInAsync(_app);
        await DraftsTestData.AssignAsync(_app, browser, posting.Id);

        var response = await browser.SubmitAsync(
            $"/Drafts/New?postingId={Uri.EscapeDataString(posting.Id)}",
            ("UseAi", "true")
        );
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The AI drafter is unavailable right now (it answered 500).", html, StringComparison.Ordinal);
        Assert.Single(_fake.Requests); // no retries: a person is waiting
        await AssertTemplateFallbackWorksAsync(browser, posting.Id);
    }

    [Theory]
    [InlineData(AiReplyKind.Refusal)]
    [InlineData(AiReplyKind.ContentFilter)]
    public async Task A_refusal_is_reported_and_offers_the_template(AiReplyKind kind)
    {
        _fake.Reply = new AiReply(kind);
        var posting = await DraftsTestData.SeedPostingAsync(_app);
        var (browser, _) = await DraftsTestData.SignInAsync(_app);
        await DraftsTestData.AssignAsync(_app, browser, posting.Id);

        var response = await browser.SubmitAsync(
            $"/Drafts/New?postingId={Uri.EscapeDataString(posting.Id)}",
            ("UseAi", "true")
        );
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("The AI drafter declined to write this proposal.", html, StringComparison.Ordinal);
        await AssertTemplateFallbackWorksAsync(browser, posting.Id);
    }

    private async Task AssertTemplateFallbackWorksAsync(HttpClient browser, string postingId)
    {
        var before = _fake.Requests.Count;
        var id = await DraftsTestData.StartDraftAsync(_app, browser, postingId, useAi: false);
        var draft = await DraftsTestData.DraftAsync(_app, id);
        Assert.Equal("Template", draft.Drafter);
        Assert.Contains("Fix Stripe webhook retries", draft.Text, StringComparison.Ordinal);
        Assert.Null(draft.InputTokens);
        Assert.Equal(before, _fake.Requests.Count);
    }
}

/// <summary>The application with Ai:Provider=OpenAI pointed at a <see cref="FakeOpenAi"/>.</summary>
public sealed class AiHarness : IAsyncDisposable
{
    private AiHarness(FakeOpenAi fake, TestApp app) => (Fake, App) = (fake, app);

    public FakeOpenAi Fake { get; }
    public TestApp App { get; }

    public static async Task<AiHarness> StartAsync(string key, Dictionary<string, string?>? more = null)
    {
        var fake = await FakeOpenAi.StartAsync();
        var settings = fake.Settings(key);
        foreach (var (k, v) in more ?? [])
        {
            settings[k] = v;
        }
        return new AiHarness(fake, new TestApp(settings));
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
