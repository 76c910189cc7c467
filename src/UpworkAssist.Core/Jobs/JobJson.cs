using System.Text.Json;
using UpworkAssist.Core.Json;

namespace UpworkAssist.Core.Jobs;

/// <summary>Reads and writes jobs in the RULES.md JSON schema (a JSON array of camelCase objects).</summary>
public static class JobJson
{
    internal static readonly string[] TypeNames = ["fixed", "hourly"];
    internal static readonly string[] LevelNames = ["entry", "intermediate", "expert"];

    /// <summary>
    /// Reads a JSON array of jobs, stopping after <paramref name="maxErrors"/> errors. Unknown
    /// fields are ignored; a missing required field, a wrong type, an unknown enum value, an
    /// empty id or a negative budget is an error.
    /// </summary>
    public static JsonReadResult<Job> Read(ReadOnlySpan<byte> utf8Json, int maxErrors = 1)
    {
        var log = new ErrorLog(maxErrors);
        List<Job> jobs = JsonArrayReader.Read(utf8Json, "jobs", ReadJob, log);
        return new JsonReadResult<Job>(jobs, log.Errors);
    }

    /// <summary>
    /// Reads a JSON array of jobs like <see cref="Read"/>, handing each valid job to
    /// <paramref name="onJob"/> as soon as it is read instead of keeping them all; returns the errors.
    /// </summary>
    public static IReadOnlyList<ValidationError> ReadEach(
        ReadOnlySpan<byte> utf8Json,
        Action<Job> onJob,
        int maxErrors = 1
    )
    {
        var log = new ErrorLog(maxErrors);
        JsonArrayReader.ReadEach(utf8Json, "jobs", ReadJob, onJob, log);
        return log.Errors;
    }

    public static void Write(Utf8JsonWriter writer, IEnumerable<Job> jobs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(jobs);
        writer.WriteStartArray();
        foreach (Job job in jobs)
        {
            Write(writer, job);
        }

        writer.WriteEndArray();
    }

    public static string Serialize(IEnumerable<Job> jobs, bool indented = true) =>
        JsonText.Write(writer => Write(writer, jobs), indented);

    private static void Write(Utf8JsonWriter writer, Job job)
    {
        writer.WriteStartObject();
        writer.WriteString("id", job.Id);
        writer.WriteString("title", job.Title);
        writer.WriteString("description", job.Description);
        WriteNullable(writer, "url", job.Url);
        writer.WriteString("publishedAt", job.PublishedAt);
        writer.WriteString("type", TypeNames[(int)job.Type]);
        WriteNullable(writer, "fixedBudget", job.FixedBudget);
        WriteNullable(writer, "hourlyMin", job.HourlyMin);
        WriteNullable(writer, "hourlyMax", job.HourlyMax);
        WriteNullable(
            writer,
            "experienceLevel",
            job.ExperienceLevel is ExperienceLevel level ? LevelNames[(int)level] : null
        );
        WriteStrings(writer, "skills", job.Skills);
        WriteNullable(writer, "category", job.Category);
        WriteNullable(writer, "totalApplicants", job.TotalApplicants);
        writer.WriteStartObject("client");
        WriteNullable(writer, "country", job.Client.Country);
        WriteNullable(writer, "paymentVerified", job.Client.PaymentVerified);
        WriteNullable(writer, "totalSpent", job.Client.TotalSpent);
        WriteNullable(writer, "totalHires", job.Client.TotalHires);
        WriteNullable(writer, "rating", job.Client.Rating);
        WriteNullable(writer, "reviewsCount", job.Client.ReviewsCount);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    internal static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    internal static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    internal static void WriteNullable(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is decimal number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    internal static void WriteNullable(Utf8JsonWriter writer, string name, int? value) =>
        WriteNullable(writer, name, (decimal?)value);

    private static void WriteNullable(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is bool flag)
        {
            writer.WriteBoolean(name, flag);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static Job? ReadJob(ref Utf8JsonReader reader, ErrorLog log)
    {
        if (!JsonValue.IsObject(ref reader, log, ""))
        {
            return null;
        }

        int errorsBefore = log.Errors.Count;
        string? id = null,
            title = null,
            description = null,
            url = null,
            category = null;
        DateTimeOffset? publishedAt = null;
        JobType? type = null;
        decimal? fixedBudget = null,
            hourlyMin = null,
            hourlyMax = null;
        ExperienceLevel? level = null;
        List<string>? skills = null;
        int? totalApplicants = null;
        JobClient? client = null;
        Required seen = Required.None;
        while (JsonValue.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                seen |= Required.Id;
                id = JsonValue.String(ref reader, log, "id");
            }
            else if (reader.ValueTextEquals("title"u8))
            {
                seen |= Required.Title;
                title = JsonValue.String(ref reader, log, "title");
            }
            else if (reader.ValueTextEquals("description"u8))
            {
                seen |= Required.Description;
                description = JsonValue.String(ref reader, log, "description");
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                url = JsonValue.String(ref reader, log, "url", nullable: true);
            }
            else if (reader.ValueTextEquals("publishedAt"u8))
            {
                seen |= Required.PublishedAt;
                publishedAt = JsonValue.DateTime(ref reader, log, "publishedAt");
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                seen |= Required.Type;
                type = JsonValue.Enum<JobType>(ref reader, log, "type", TypeNames);
            }
            else if (reader.ValueTextEquals("fixedBudget"u8))
            {
                fixedBudget = JsonValue.Number(ref reader, log, "fixedBudget");
            }
            else if (reader.ValueTextEquals("hourlyMin"u8))
            {
                hourlyMin = JsonValue.Number(ref reader, log, "hourlyMin");
            }
            else if (reader.ValueTextEquals("hourlyMax"u8))
            {
                hourlyMax = JsonValue.Number(ref reader, log, "hourlyMax");
            }
            else if (reader.ValueTextEquals("experienceLevel"u8))
            {
                level = JsonValue.Enum<ExperienceLevel>(ref reader, log, "experienceLevel", LevelNames, nullable: true);
            }
            else if (reader.ValueTextEquals("skills"u8))
            {
                skills = JsonValue.Strings(ref reader, log, "skills");
            }
            else if (reader.ValueTextEquals("category"u8))
            {
                category = JsonValue.String(ref reader, log, "category", nullable: true);
            }
            else if (reader.ValueTextEquals("totalApplicants"u8))
            {
                totalApplicants = JsonValue.Integer(ref reader, log, "totalApplicants");
            }
            else if (reader.ValueTextEquals("client"u8))
            {
                seen |= Required.Client;
                reader.Read();
                client = ReadClient(ref reader, log);
            }
            else
            {
                JsonValue.SkipValue(ref reader);
            }
        }

        ReportMissing(log, seen);
        if (id is { Length: 0 })
        {
            log.Add("id", "must not be empty");
        }

        foreach (
            (string field, decimal? amount) in (ReadOnlySpan<(string, decimal?)>)
                [("fixedBudget", fixedBudget), ("hourlyMin", hourlyMin), ("hourlyMax", hourlyMax)]
        )
        {
            if (amount < 0)
            {
                log.Add(field, "must not be negative");
            }
        }

        if (log.Errors.Count > errorsBefore)
        {
            return null;
        }

        return new Job
        {
            Id = id!,
            Title = title!,
            Description = description!,
            Url = url,
            PublishedAt = publishedAt!.Value,
            Type = type!.Value,
            FixedBudget = fixedBudget,
            HourlyMin = hourlyMin,
            HourlyMax = hourlyMax,
            ExperienceLevel = level,
            Skills = skills ?? [],
            Category = category,
            TotalApplicants = totalApplicants,
            Client = client!,
        };
    }

    private static JobClient? ReadClient(ref Utf8JsonReader reader, ErrorLog log)
    {
        if (!JsonValue.IsObject(ref reader, log, "client"))
        {
            return null;
        }

        string? country = null;
        bool? verified = null;
        decimal? spent = null,
            rating = null;
        int? hires = null,
            reviews = null;
        while (JsonValue.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("country"u8))
            {
                country = JsonValue.String(ref reader, log, "client.country", nullable: true);
            }
            else if (reader.ValueTextEquals("paymentVerified"u8))
            {
                verified = JsonValue.Boolean(ref reader, log, "client.paymentVerified", nullable: true);
            }
            else if (reader.ValueTextEquals("totalSpent"u8))
            {
                spent = JsonValue.Number(ref reader, log, "client.totalSpent");
            }
            else if (reader.ValueTextEquals("totalHires"u8))
            {
                hires = JsonValue.Integer(ref reader, log, "client.totalHires");
            }
            else if (reader.ValueTextEquals("rating"u8))
            {
                rating = JsonValue.Number(ref reader, log, "client.rating");
            }
            else if (reader.ValueTextEquals("reviewsCount"u8))
            {
                reviews = JsonValue.Integer(ref reader, log, "client.reviewsCount");
            }
            else
            {
                JsonValue.SkipValue(ref reader);
            }
        }

        return new JobClient
        {
            Country = country,
            PaymentVerified = verified,
            TotalSpent = spent,
            TotalHires = hires,
            Rating = rating,
            ReviewsCount = reviews,
        };
    }

    private static void ReportMissing(ErrorLog log, Required seen)
    {
        foreach (
            (Required flag, string field) in (ReadOnlySpan<(Required, string)>)
                [
                    (Required.Id, "id"),
                    (Required.Title, "title"),
                    (Required.Description, "description"),
                    (Required.PublishedAt, "publishedAt"),
                    (Required.Type, "type"),
                    (Required.Client, "client"),
                ]
        )
        {
            if ((seen & flag) == 0)
            {
                log.Add(field, "required field is missing");
            }
        }
    }

    [Flags]
    private enum Required
    {
        None = 0,
        Id = 1,
        Title = 2,
        Description = 4,
        PublishedAt = 8,
        Type = 16,
        Client = 32,
    }
}
