using System.Text.Json;
using UpworkAssist.Core.Jobs;
using UpworkAssist.Core.Json;

namespace UpworkAssist.Core.Lanes;

/// <summary>
/// Reads and writes lanes in the RULES.md JSON schema (a JSON array of camelCase objects).
/// Reading validates everything <see cref="LaneValidator"/> checks, plus types and duplicate ids.
/// </summary>
public static class LaneJson
{
    /// <summary>
    /// Reads a JSON array of lanes and returns every error (up to <paramref name="maxErrors"/>),
    /// so an import can list them all and store nothing; the CLI shows the first.
    /// </summary>
    public static JsonReadResult<LaneDefinition> Read(ReadOnlySpan<byte> utf8Json, int maxErrors = int.MaxValue)
    {
        var log = new ErrorLog(maxErrors);
        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        List<LaneDefinition> lanes = JsonArrayReader.Read(
            utf8Json,
            "lanes",
            (ref Utf8JsonReader reader, ErrorLog errors) =>
            {
                (LaneDefinition? lane, string? id) = ReadLane(ref reader, errors);
                int index = errors.Index;
                errors.Index = -1;
                LaneValidator.AddIfDuplicate(errors.Errors, firstIndexById, id, index);
                errors.Index = index;
                return lane;
            },
            log
        );
        return new JsonReadResult<LaneDefinition>(lanes, log.Errors);
    }

    public static void Write(Utf8JsonWriter writer, IEnumerable<LaneDefinition> lanes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(lanes);
        writer.WriteStartArray();
        foreach (LaneDefinition lane in lanes)
        {
            Write(writer, lane);
        }

        writer.WriteEndArray();
    }

    public static string Serialize(IEnumerable<LaneDefinition> lanes, bool indented = true) =>
        JsonText.Write(writer => Write(writer, lanes), indented);

    private static void Write(Utf8JsonWriter writer, LaneDefinition lane)
    {
        writer.WriteStartObject();
        writer.WriteString("id", lane.Id);
        writer.WriteString("name", lane.Name);
        writer.WriteBoolean("enabled", lane.Enabled);
        JobJson.WriteStrings(writer, "jobTypes", lane.JobTypes.Select(static type => JobJson.TypeNames[(int)type]));
        JobJson.WriteNullable(writer, "minFixedBudget", lane.MinFixedBudget);
        JobJson.WriteNullable(writer, "minHourlyRate", lane.MinHourlyRate);
        writer.WriteBoolean("allowUnknownBudget", lane.AllowUnknownBudget);
        JobJson.WriteStrings(writer, "skillsAny", lane.SkillsAny);
        JobJson.WriteStrings(writer, "skillsAll", lane.SkillsAll);
        JobJson.WriteStrings(writer, "includeKeywords", lane.IncludeKeywords);
        JobJson.WriteStrings(writer, "negativeKeywords", lane.NegativeKeywords);
        JobJson.WriteStrings(
            writer,
            "experienceLevels",
            lane.ExperienceLevels.Select(static level => JobJson.LevelNames[(int)level])
        );
        writer.WriteBoolean("requirePaymentVerified", lane.RequirePaymentVerified);
        JobJson.WriteNullable(writer, "minClientSpent", lane.MinClientSpent);
        JobJson.WriteNullable(writer, "minClientRating", lane.MinClientRating);
        JobJson.WriteNullable(writer, "minClientHires", lane.MinClientHires);
        JobJson.WriteStrings(writer, "countriesInclude", lane.CountriesInclude);
        JobJson.WriteStrings(writer, "countriesExclude", lane.CountriesExclude);
        JobJson.WriteNullable(writer, "maxApplicants", lane.MaxApplicants);
        JobJson.WriteNullable(writer, "maxAgeMinutes", lane.MaxAgeMinutes);
        writer.WriteEndObject();
    }

    private static (LaneDefinition? LaneDefinition, string? Id) ReadLane(ref Utf8JsonReader reader, ErrorLog log)
    {
        if (!JsonValue.IsObject(ref reader, log, ""))
        {
            return (null, null);
        }

        int errorsBefore = log.Errors.Count;
        var lane = new LaneDefinition { Id = null!, Name = null! };
        bool hasId = false,
            hasName = false;
        while (JsonValue.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                hasId = true;
                lane = lane with { Id = JsonValue.String(ref reader, log, "id")! };
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                hasName = true;
                lane = lane with { Name = JsonValue.String(ref reader, log, "name")! };
            }
            else if (reader.ValueTextEquals("enabled"u8))
            {
                lane = lane with { Enabled = JsonValue.Boolean(ref reader, log, "enabled") ?? true };
            }
            else if (reader.ValueTextEquals("jobTypes"u8))
            {
                lane = lane with
                {
                    JobTypes = JsonValue.Enums<JobType>(ref reader, log, "jobTypes", JobJson.TypeNames) ?? [],
                };
            }
            else if (reader.ValueTextEquals("minFixedBudget"u8))
            {
                lane = lane with { MinFixedBudget = JsonValue.Number(ref reader, log, "minFixedBudget") };
            }
            else if (reader.ValueTextEquals("minHourlyRate"u8))
            {
                lane = lane with { MinHourlyRate = JsonValue.Number(ref reader, log, "minHourlyRate") };
            }
            else if (reader.ValueTextEquals("allowUnknownBudget"u8))
            {
                lane = lane with
                {
                    AllowUnknownBudget = JsonValue.Boolean(ref reader, log, "allowUnknownBudget") ?? false,
                };
            }
            else if (reader.ValueTextEquals("skillsAny"u8))
            {
                lane = lane with { SkillsAny = JsonValue.Strings(ref reader, log, "skillsAny") ?? [] };
            }
            else if (reader.ValueTextEquals("skillsAll"u8))
            {
                lane = lane with { SkillsAll = JsonValue.Strings(ref reader, log, "skillsAll") ?? [] };
            }
            else if (reader.ValueTextEquals("includeKeywords"u8))
            {
                lane = lane with { IncludeKeywords = JsonValue.Strings(ref reader, log, "includeKeywords") ?? [] };
            }
            else if (reader.ValueTextEquals("negativeKeywords"u8))
            {
                lane = lane with { NegativeKeywords = JsonValue.Strings(ref reader, log, "negativeKeywords") ?? [] };
            }
            else if (reader.ValueTextEquals("experienceLevels"u8))
            {
                lane = lane with
                {
                    ExperienceLevels =
                        JsonValue.Enums<ExperienceLevel>(ref reader, log, "experienceLevels", JobJson.LevelNames) ?? [],
                };
            }
            else if (reader.ValueTextEquals("requirePaymentVerified"u8))
            {
                lane = lane with
                {
                    RequirePaymentVerified = JsonValue.Boolean(ref reader, log, "requirePaymentVerified") ?? false,
                };
            }
            else if (reader.ValueTextEquals("minClientSpent"u8))
            {
                lane = lane with { MinClientSpent = JsonValue.Number(ref reader, log, "minClientSpent") };
            }
            else if (reader.ValueTextEquals("minClientRating"u8))
            {
                lane = lane with { MinClientRating = JsonValue.Number(ref reader, log, "minClientRating") };
            }
            else if (reader.ValueTextEquals("minClientHires"u8))
            {
                lane = lane with { MinClientHires = JsonValue.Integer(ref reader, log, "minClientHires") };
            }
            else if (reader.ValueTextEquals("countriesInclude"u8))
            {
                lane = lane with { CountriesInclude = JsonValue.Strings(ref reader, log, "countriesInclude") ?? [] };
            }
            else if (reader.ValueTextEquals("countriesExclude"u8))
            {
                lane = lane with { CountriesExclude = JsonValue.Strings(ref reader, log, "countriesExclude") ?? [] };
            }
            else if (reader.ValueTextEquals("maxApplicants"u8))
            {
                lane = lane with { MaxApplicants = JsonValue.Integer(ref reader, log, "maxApplicants") };
            }
            else if (reader.ValueTextEquals("maxAgeMinutes"u8))
            {
                lane = lane with { MaxAgeMinutes = JsonValue.Integer(ref reader, log, "maxAgeMinutes") };
            }
            else
            {
                JsonValue.SkipValue(ref reader);
            }
        }

        if (!hasId)
        {
            log.Add("id", "required field is missing");
        }

        if (!hasName)
        {
            log.Add("name", "required field is missing");
        }

        // Missing and mistyped fields are logged above; these are the checks a typed lane can still fail.
        foreach (
            ValidationError error in LaneValidator.Validate(lane with { Id = lane.Id ?? "?", Name = lane.Name ?? "" })
        )
        {
            log.Add(error.Path, error.Message);
        }

        return (log.Errors.Count > errorsBefore ? null : lane, lane.Id);
    }
}
