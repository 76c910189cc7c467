using System.Text;
using System.Text.Json.Nodes;
using UpworkAssist.Core.Jobs;

namespace UpworkAssist.Core.Tests.Jobs;

public class JobJsonTests
{
    private const string Valid = """
        {"id":"~01a","title":"T","description":"","url":null,"publishedAt":"2026-11-27T10:00:00+02:00","type":"hourly",
         "fixedBudget":null,"hourlyMin":20.5,"hourlyMax":40,"experienceLevel":"expert","skills":["C#"],"category":null,
         "totalApplicants":3,
         "client":{"country":"Canada","paymentVerified":true,"totalSpent":1e3,"totalHires":2,"rating":4.9,
          "reviewsCount":7},
         "somethingNew":{"nested":[1,2,3]}}
        """;

    private static string Error(string json) =>
        Assert.Single(JobJson.Read(Encoding.UTF8.GetBytes(json)).Errors).ToString();

    /// <summary>The valid job with the value at a dotted path replaced by raw JSON.</summary>
    private static string With(string path, string rawValue)
    {
        JsonObject job = JsonNode.Parse(Valid)!.AsObject();
        string[] parts = path.Split('.');
        JsonObject parent = parts.Length == 1 ? job : job[parts[0]]!.AsObject();
        parent[parts[^1]] = JsonNode.Parse(rawValue);
        return job.ToJsonString();
    }

    private static string Array(params string[] jobs) => $"[{string.Join(',', jobs)}]";

    [Fact]
    public void Reads_every_field_and_ignores_unknown_ones()
    {
        Job job = Assert.Single(JobJson.Read(Encoding.UTF8.GetBytes(Array(Valid))).ItemsOrThrow());
        Assert.Equal("~01a", job.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), job.PublishedAt);
        Assert.Equal(JobType.Hourly, job.Type);
        Assert.Equal(20.5m, job.HourlyMin);
        Assert.Equal(ExperienceLevel.Expert, job.ExperienceLevel);
        Assert.Equal(["C#"], job.Skills);
        Assert.Equal(1000m, job.Client.TotalSpent);
        Assert.Equal(7, job.Client.ReviewsCount);
    }

    [Fact]
    public void Round_trips_through_write()
    {
        Job job = Samples.BaseJob with
        {
            Url = "https://example.test/j",
            ExperienceLevel = ExperienceLevel.Entry,
            TotalApplicants = 4,
        };
        Job back = Assert.Single(JobJson.Read(Encoding.UTF8.GetBytes(JobJson.Serialize([job]))).ItemsOrThrow());
        Assert.Equal(job with { Skills = [] }, back with { Skills = [] });
        Assert.Equal(job.Skills, back.Skills);
    }

    [Theory]
    [InlineData("client.totalSpent", "\"lots\"", "[1].client.totalSpent: expected a number")]
    [InlineData("totalApplicants", "2.5", "[1].totalApplicants: expected an integer")]
    [InlineData("type", "\"weekly\"", "[1].type: unknown value \"weekly\" (expected \"fixed\", \"hourly\")")]
    [InlineData(
        "experienceLevel",
        "\"guru\"",
        "[1].experienceLevel: unknown value \"guru\" (expected \"entry\", \"intermediate\", \"expert\")"
    )]
    [InlineData("title", "null", "[1].title: expected a string")]
    [InlineData("skills", "[\"a\",3]", "[1].skills[1]: expected a string")]
    [InlineData("skills", "\"C#\"", "[1].skills: expected an array")]
    [InlineData("client", "[]", "[1].client: expected an object")]
    [InlineData("client.paymentVerified", "\"yes\"", "[1].client.paymentVerified: expected a boolean")]
    [InlineData(
        "publishedAt",
        "\"2026-11-27T10:00:00\"",
        "[1].publishedAt: expected an ISO-8601 date-time with offset"
    )]
    [InlineData("publishedAt", "\"yesterday\"", "[1].publishedAt: expected an ISO-8601 date-time with offset")]
    [InlineData("fixedBudget", "-1", "[1].fixedBudget: must not be negative")]
    [InlineData("hourlyMax", "-0.01", "[1].hourlyMax: must not be negative")]
    [InlineData("id", "\"\"", "[1].id: must not be empty")]
    public void Names_the_index_and_field_of_bad_input(string path, string value, string expected)
    {
        Assert.Equal(expected, Error(Array(Valid, With(path, value))));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("title")]
    [InlineData("description")]
    [InlineData("publishedAt")]
    [InlineData("type")]
    [InlineData("client")]
    public void A_missing_required_field_is_named(string field)
    {
        JsonObject json = JsonNode.Parse(Valid)!.AsObject();
        json.Remove(field);
        Assert.Equal($"[0].{field}: required field is missing", Error(Array(json.ToJsonString())));
    }

    [Fact]
    public void Optional_fields_may_be_missing()
    {
        Job job = Assert.Single(
            JobJson
                .Read(
                    Encoding.UTF8.GetBytes(
                        """
                        [{"id":"a","title":"t","description":"d","publishedAt":"2026-01-01T00:00:00Z",
                          "type":"fixed","client":{}}]
                        """
                    )
                )
                .ItemsOrThrow()
        );
        Assert.Empty(job.Skills);
        Assert.Null(job.Client.Country);
    }

    [Theory]
    [InlineData("", "malformed JSON at line 1, byte 1: ")]
    [InlineData("{}", "expected a JSON array of jobs")]
    [InlineData("[1]", "[0]: expected an object")]
    [InlineData("[{\"id\":\"a\",}]", "[0]: malformed JSON at line 1, byte 12: ")]
    [InlineData("[\n{\"id\": tru}]", "[0]: malformed JSON at line 2, byte 11: ")]
    [InlineData("[] []", "malformed JSON at line 1, byte 4: ")]
    public void Malformed_json_is_one_message_with_its_position(string json, string expectedStart)
    {
        Assert.StartsWith(expectedStart, Error(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Stops_at_max_errors_but_can_collect_more()
    {
        string bad = Valid.Replace("\"type\":\"hourly\"", "\"type\":1", StringComparison.Ordinal);
        byte[] json = Encoding.UTF8.GetBytes(Array(bad, bad, bad));
        Assert.Single(JobJson.Read(json).Errors);
        Assert.Equal(3, JobJson.Read(json, maxErrors: 10).Errors.Count);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        byte[] json = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Array(Valid))];
        Assert.True(JobJson.Read(json).IsValid);
    }
}
