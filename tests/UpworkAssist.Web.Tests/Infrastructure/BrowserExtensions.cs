using System.Net;
using System.Text.RegularExpressions;

namespace UpworkAssist.Web.Tests.Infrastructure;

/// <summary>Form posts the way a browser makes them: read the page, take its antiforgery token, submit.</summary>
public static partial class BrowserExtensions
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {pageUrl}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Reads pageUrl for its antiforgery token, then posts the fields to action (a handler URL).</summary>
    public static async Task<HttpResponseMessage> SubmitToAsync(
        this HttpClient client,
        string pageUrl,
        string action,
        params (string Name, string Value)[] fields
    )
    {
        var token = await client.AntiforgeryTokenAsync(pageUrl);
        var form = fields
            .Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client,
        string pageUrl,
        params (string Name, string Value)[] fields
    ) => client.SubmitToAsync(pageUrl, pageUrl, fields);

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password) =>
        client.SubmitAsync("/Account/Login", ("Input.Email", email), ("Input.Password", password));

    public static string Location(this HttpResponseMessage response) => response.Headers.Location?.OriginalString ?? "";
}
