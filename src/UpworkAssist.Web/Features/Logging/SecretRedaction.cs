using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace UpworkAssist.Web.Features.Logging;

/// <summary>
/// Masks secrets in every log event: properties whose names say secret (password, token,
/// secret, api key, authorization, cookie, webhook…) at any depth, and values that look like
/// bearer tokens, our access tokens or OAuth token parameters wherever they appear.
/// </summary>
public sealed partial class SecretRedaction : ILogEventEnricher
{
    public const string Mask = "***";

    [GeneratedRegex(
        "pass(word|wd|phrase)?|secret|token|api_?key|authorization|cookie|credential|webhook"
            + "|client_?secret|code_?verifier",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant
    )]
    private static partial Regex SensitiveName();

    [GeneratedRegex(
        @"(?<keep>bearer\s+)[A-Za-z0-9\-._~+/=]+|uat_[A-Za-z0-9_\-]{8,}"
            + @"|(?<keep>(access_token|refresh_token|client_secret|password|code)=)[^&\s""]+"
            + @"|https://hooks\.slack\.com/[^\s""]+|xox[abpr]-[A-Za-z0-9\-]+"
            + @"|https://(discord\.com|discordapp\.com)/api/webhooks/[^\s""]+"
            + @"|\bbot\d{5,}:[A-Za-z0-9_\-]{30,}|\b\d{5,}:[A-Za-z0-9_\-]{30,}"
            + @"|https://[^\s""/]+\.(logic\.azure\.com|powerplatform\.com)[^\s""]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant
    )]
    private static partial Regex SensitiveValue();

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var redacted = Redact(name, value);
            if (!ReferenceEquals(redacted, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, redacted));
            }
        }
    }

    public static string RedactText(string text) =>
        SensitiveValue().Replace(text, m => m.Groups["keep"].Success ? m.Groups["keep"].Value + Mask : Mask);

    private static LogEventPropertyValue Redact(string name, LogEventPropertyValue value)
    {
        if (SensitiveName().IsMatch(name) && value is not StructureValue and not DictionaryValue and not SequenceValue)
        {
            return value is ScalarValue { Value: null } ? value : new ScalarValue(Mask);
        }
        switch (value)
        {
            case ScalarValue { Value: string s }:
                var clean = RedactText(s);
                return clean == s ? value : new ScalarValue(clean);
            case StructureValue structure:
                var props = structure
                    .Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Name, p.Value)))
                    .ToList();
                return props.Zip(structure.Properties).All(pair => ReferenceEquals(pair.First.Value, pair.Second.Value))
                    ? value
                    : new StructureValue(props, structure.TypeTag);
            case SequenceValue sequence:
                var items = sequence.Elements.Select(e => Redact("", e)).ToList();
                return items.Zip(sequence.Elements).All(pair => ReferenceEquals(pair.First, pair.Second))
                    ? value
                    : new SequenceValue(items);
            case DictionaryValue dictionary:
                var entries = dictionary
                    .Elements.Select(kv => new KeyValuePair<ScalarValue, LogEventPropertyValue>(
                        kv.Key,
                        Redact(kv.Key.Value?.ToString() ?? "", kv.Value)
                    ))
                    .ToList();
                return entries
                    .Zip(dictionary.Elements)
                    .All(pair => ReferenceEquals(pair.First.Value, pair.Second.Value))
                    ? value
                    : new DictionaryValue(entries);
            default:
                return value;
        }
    }
}
