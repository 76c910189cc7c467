using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using UpworkAssist.Web.Data;
using UpworkAssist.Web.Features.Feed;
using UpworkAssist.Web.Features.Security;
using UpworkAssist.Web.Tests.Infrastructure;

namespace UpworkAssist.Web.Tests.Features.Security;

/// <summary>An Admin (who may reach every form) and a posting for the pages about one job.</summary>
public sealed class BadInputApp : TestApp
{
    private HttpClient? _admin;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<HttpClient> AdminAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_admin is null)
            {
                await WithDbAsync(async db =>
                {
                    db.Postings.Add(
                        new Posting
                        {
                            Id = RouteCatalog.SamplePosting,
                            Title = "Sample job",
                            PublishedAt = Clock.GetUtcNow(),
                            FetchedAt = Clock.GetUtcNow(),
                        }
                    );
                    await db.SaveChangesAsync();
                });
                _admin = await SignedInAsync(Roles.Admin);
            }
            return _admin;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every text value in every table, to look for what a request must not have stored.</summary>
    public List<(string Table, string Value)> StoredText()
    {
        var found = new List<(string, string)>();
        using var connection = new SqliteConnection(
            $"Data Source={Path.Combine(DataDirectory, "store.db")};Mode=ReadOnly"
        );
        connection.Open();
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var names = new List<string>();
        using (var reader = tables.ExecuteReader())
        {
            while (reader.Read())
                names.Add(reader.GetString(0));
        }
        foreach (var table in names)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var rows = select.ExecuteReader();
            while (rows.Read())
            {
                for (var i = 0; i < rows.FieldCount; i++)
                {
                    if (!rows.IsDBNull(i) && rows.GetFieldType(i) == typeof(string))
                        found.Add((table, rows.GetString(i)));
                }
            }
        }
        return found;
    }

    protected override void Dispose(bool disposing)
    {
        _gate.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// A corpus of hostile input sent to every form field, every query and every endpoint the
/// application has (discovered, not listed): nothing answers 500, and none of it is stored.
/// </summary>
public sealed partial class BadInputTests(BadInputApp app) : IClassFixture<BadInputApp>
{
    /// <summary>Every corpus value carries this, so the store can be searched for any of it.</summary>
    private const string Marker = "ZQX";

    /// <summary>
    /// Name → the value as it goes on the wire, already form-encoded (so broken UTF-8 can be sent as is).
    /// </summary>
    public static readonly TheoryData<string, string> Corpus = new()
    {
        { "NUL", Marker + "%00nul" },
        { "control characters", Marker + "%1B%07%7F" },
        { "lone surrogate (as UTF-8 bytes)", Marker + "%ED%A0%80" },
        { "invalid UTF-8", Marker + "%FF%FE%C0%AF" },
        { "huge value (1 MB)", Marker + new string('a', 1_000_000) },
        { "CR/LF", Marker + "%0D%0ASet-Cookie:%20x=1%0D%0A" },
        { "out-of-range number", "98765432109876543210987654321" },
        { "huge negative exponent", "-1e400" + Marker },
    };

    [GeneratedRegex("<(?:input|select|textarea|button)[^>]*\\sname=\"([^\"]+)\"")]
    private static partial Regex FieldName();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    private static readonly string[] QueryNames =
    [
        "id",
        "after",
        "limit",
        "lane",
        "laneId",
        "slug",
        "postingId",
        "posting",
        "view",
        "days",
        "from",
        "to",
        "q",
        "stage",
        "freelancerId",
        "returnUrl",
        "ReturnUrl",
    ];

    private static string Query(string key) =>
        key switch
        {
            "GET /Drafts/New" => "?postingId=" + RouteCatalog.SamplePosting,
            "GET /Routing/Routes" => "?lane=dotnet",
            "GET /Knowledge/Read" => "?slug=kickoff-call",
            _ => "",
        };

    /// <summary>The field names of the forms on a page, as the Admin sees it.</summary>
    private static async Task<(List<string> Fields, string Token)> FormOfAsync(HttpClient admin, string url)
    {
        var response = await admin.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        var fields = FieldName()
            .Matches(html)
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(n => n != "__RequestVerificationToken")
            .Distinct()
            .ToList();
        var token = Antiforgery().Match(html) is { Success: true } t ? WebUtility.HtmlDecode(t.Groups[1].Value) : "";
        return (fields, token);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Every_form_and_endpoint_answers_the_corpus_without_a_server_error_and_stores_none_of_it(
        string name,
        string encoded
    )
    {
        var admin = await app.AdminAsync();
        var (_, fallbackToken) = await FormOfAsync(admin, "/Account/Password");
        var routes = RouteCatalog.Discover(app.Services, Query).Where(r => r.Key != "POST /Account/Logout").ToList();
        var errors = new List<string>();
        var statuses = new Dictionary<int, int>();
        foreach (var route in routes)
        {
            HttpResponseMessage response;
            var separator = route.Url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            if (route.Method == "GET")
            {
                var query = string.Join("&", QueryNames.Select(q => $"{q}={encoded}"));
                response = await admin.GetAsync(route.Url + separator + query);
            }
            else
            {
                var page = routes.FirstOrDefault(r =>
                    r.Method == "GET" && r.Page == route.Page && !r.Key.Contains("?handler=", StringComparison.Ordinal)
                );
                var (fields, token) = page is null ? ([], "") : await FormOfAsync(admin, page.Url);
                var body =
                    string.Join(
                        "&",
                        fields.Concat(QueryNames).Distinct().Select(f => $"{Uri.EscapeDataString(f)}={encoded}")
                    )
                    + "&__RequestVerificationToken="
                    + Uri.EscapeDataString(token.Length > 0 ? token : fallbackToken);
                response = await admin.PostAsync(
                    route.Url,
                    new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded")
                );
            }
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            if ((int)response.StatusCode >= 500)
            {
                errors.Add($"{route.Key}: {(int)response.StatusCode}");
            }
            if (
                response.Headers.TryGetValues("Set-Cookie", out var cookies)
                && cookies.Any(c => c.StartsWith("x=1", StringComparison.Ordinal))
            )
            {
                errors.Add($"{route.Key}: a header was injected");
            }
        }
        Assert.True(errors.Count == 0, name + ":\n" + string.Join("\n", errors));
        // The corpus reached handlers, not only the guard: some of it got past to pages that answered.
        Assert.True(
            statuses.Keys.Any(s => s != 400) || !name.StartsWith("CR", StringComparison.Ordinal),
            name + ": " + string.Join(", ", statuses)
        );

        var text = app.StoredText();
        Assert.Contains(text, t => t.Value == "Sample job"); // the scan reads the application's store
        var marker = name.StartsWith("out-of-range", StringComparison.Ordinal)
            ? "98765432109876543210987654321"
            : Marker;
        var stored = text.Where(t => t.Value.Contains(marker, StringComparison.Ordinal))
            .Select(t => $"{t.Table}: {Shorten(t.Value)}")
            .Distinct()
            .ToList();
        Assert.True(stored.Count == 0, name + " was stored:\n" + string.Join("\n", stored));
    }

    private static string Shorten(string value) => value.Length > 120 ? value[..120] + "…" : value;

    /// <summary>Forms past the server's own limits, and raw bytes that are not UTF-8, as bodies of their own.</summary>
    public static TheoryData<string, string> OverLimits() =>
        new()
        {
            { "a form key over 2 KB", Marker + new string('k', 2100) + "=" + Marker },
            {
                "more than 1,024 values",
                string.Join("&", Enumerable.Range(0, 1100).Select(i => $"Input.Name={Marker}{i}"))
            },
            { "a value over 4 MB", "Input.Name=" + Marker + new string('a', 4_300_000) },
            { "raw invalid UTF-8 bytes", "Input.Name=" + Marker + "\uFFFF" },
        };

    [Theory]
    [MemberData(nameof(OverLimits))]
    public async Task A_form_past_the_limits_or_not_UTF8_gets_a_400_that_says_why_from_every_form_and_stores_nothing(
        string name,
        string body
    )
    {
        var admin = await app.AdminAsync();
        // "\uFFFF" stands for bytes no UTF-8 text has: 0xFF 0xFE.
        var bytes = body.EndsWith('\uFFFF')
            ? [.. Encoding.ASCII.GetBytes(body[..^1]), 0xFF, 0xFE]
            : Encoding.ASCII.GetBytes(body);
        var (_, token) = await FormOfAsync(admin, "/Account/Password");
        var wrong = new List<string>();
        foreach (var route in RouteCatalog.Discover(app.Services, Query).Where(r => r.Method == "POST"))
        {
            var content = new ByteArrayContent([
                .. bytes,
                .. Encoding.ASCII.GetBytes("&__RequestVerificationToken=" + Uri.EscapeDataString(token)),
            ]);
            content.Headers.ContentType = new("application/x-www-form-urlencoded");
            var response = await admin.PostAsync(route.Url, content);
            var text = await response.Content.ReadAsStringAsync();
            if (
                response.StatusCode != HttpStatusCode.BadRequest
                || !(
                    text.Contains("larger than this server accepts", StringComparison.Ordinal)
                    || text.Contains("not valid UTF-8", StringComparison.Ordinal)
                )
            )
            {
                wrong.Add($"{route.Key}: {(int)response.StatusCode}");
            }
        }
        Assert.True(wrong.Count == 0, name + ":\n" + string.Join("\n", wrong));
        Assert.DoesNotContain(app.StoredText(), t => t.Value.Contains(Marker, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/postings?after=OTk5OTk5OTk5OTk5OTk5OTk5OTl8eA")] // "999…|x": ticks past DateTimeOffset's range
    [InlineData("/api/v1/postings?after=LTF8eA")] // "-1|x"
    [InlineData("/api/v1/matches?after=OTk5OTk5OTk5OTk5OTk5OTk5OTk5")]
    [InlineData("/api/v1/matches?limit=99999999999999999999")]
    [InlineData("/api/v1/audit?from=2026-13-45")]
    public async Task Cursors_and_numbers_out_of_range_get_a_400(string url)
    {
        var admin = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task The_jobs_dashboards_stats_poll_answers_405_to_anything_but_its_form_post(string method)
    {
        var admin = await app.AdminAsync();
        var response = await admin.SendAsync(
            new HttpRequestMessage(new HttpMethod(method), "/hangfire/stats")
            {
                Content = method == "POST" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
            }
        );
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.True(
            (int)
                (
                    await admin.PostAsync(
                        "/hangfire/stats",
                        new FormUrlEncodedContent([new("metrics[]", "enqueued:count")])
                    )
                ).StatusCode < 500
        );
    }

    [Fact]
    public async Task A_return_query_with_CR_LF_is_rewritten_not_a_500()
    {
        var admin = await app.AdminAsync();
        var (_, token) = await FormOfAsync(admin, "/Queue");
        var response = await admin.PostAsync(
            "/Queue?handler=Bulk",
            new StringContent(
                $"__RequestVerificationToken={Uri.EscapeDataString(token)}"
                    + "&returnQuery=%3Flane%3Ddotnet%0D%0ASet-Cookie%3A%20x%3D1",
                Encoding.ASCII,
                "application/x-www-form-urlencoded"
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(
            response.Headers,
            h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("x=1", StringComparison.Ordinal))
        );
        Assert.StartsWith("/Queue?lane=dotnet%0D%0ASet-Cookie", response.Location(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadLaneFiles() =>
        new()
        {
            { "a 5,000-character id", $$"""[{"id":"{{new string('a', 5000)}}","name":"ZQX long id"}]""" },
            { "a path as id", """[{"id":"../../etc","name":"ZQX path"}]""" },
            { "a NUL in a name", """[{"id":"zqx-nul","name":"ZQX\u0000name"}]""" },
            { "a 100,000-character name", $$"""[{"id":"zqx-long","name":"ZQX{{new string('n', 100_000)}}"}]""" },
            { "a keyword on two lines", """[{"id":"zqx-kw","name":"ZQX kw","includeKeywords":["a\u0007b"]}]""" },
        };

    [Theory]
    [MemberData(nameof(BadLaneFiles))]
    public async Task Lane_import_applies_the_edit_forms_rules_and_stores_nothing_from_a_file_that_breaks_them(
        string name,
        string json
    )
    {
        var text = await ImportAsync(Encoding.UTF8.GetBytes(json));
        Assert.True(
            text.Contains("lanes.json: [0].", StringComparison.Ordinal),
            name + " was not refused with the lane's index"
        );
        Assert.DoesNotContain(
            app.StoredText(),
            t => t.Value.Contains(Marker, StringComparison.Ordinal) || t.Value.Contains("../", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task Lane_import_of_a_file_that_is_not_UTF8_says_so()
    {
        var bytes = Encoding
            .UTF8.GetBytes("""[{"id":"zqx-bytes","name":"ZQX """)
            .Concat(new byte[] { 0xFF, 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes("\"}]"))
            .ToArray();
        Assert.Contains("lanes.json: the file is not UTF-8 text", await ImportAsync(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain(app.StoredText(), t => t.Value.Contains("zqx-bytes", StringComparison.Ordinal));
    }

    private async Task<string> ImportAsync(byte[] file)
    {
        var admin = await app.AdminAsync();
        var (_, token) = await FormOfAsync(admin, "/Lanes/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", "lanes.json" },
        };
        var response = await admin.PostAsync("/Lanes/Import", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
