using System.Text.Json.Nodes;
using Pincer.Config.Json5;
using Pincer.Config.Schema;

namespace Pincer.Config.Redaction;

/// <summary>
/// Keeps secrets out of config.get and lets clients write the redacted result back: sensitive
/// values are replaced by <see cref="Sentinel"/> on the way out and put back on the way in.
/// Sensitivity comes from the schema's UI hints (<c>sensitive</c>, <c>url-secret</c> tags) where
/// they reach, and from field-name heuristics elsewhere, matching the reference gateway.
/// </summary>
public static class ConfigRedactor
{
    public const string Sentinel = "__OPENCLAW_REDACTED__";

    private static readonly Lazy<RedactionContext> SchemaContext =
        new(() => RedactionContext.Create(ConfigSchemaDocument.Instance.UiHints.DeepClone().AsObject()), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Redacted deep copy of <paramref name="config"/> using the embedded schema's hints.</summary>
    public static Redacted Redact(JsonNode? config) => Redact(config, SchemaContext.Value);

    /// <summary>Same, with explicit hints (<c>null</c>: heuristics only).</summary>
    public static Redacted Redact(JsonNode? config, JsonObject? uiHints) => Redact(config, RedactionContext.Create(uiHints));

    /// <summary>
    /// Replaces every sensitive value occurring in the config file text by the sentinel, longest
    /// first, so comments and formatting survive. Returns <c>null</c> when the scrubbed text would
    /// not read back as <paramref name="parsed"/> once restored against <paramref name="config"/>
    /// (a secret also appears as ordinary text, or a value only existed after substitution):
    /// the reference then omits <c>raw</c> rather than risk a leak or a corrupting round-trip.
    /// </summary>
    /// <param name="raw">The main config file text.</param>
    /// <param name="sensitiveValues">From <see cref="Redact(JsonNode?)"/> of <paramref name="config"/>.</param>
    /// <param name="parsed">The file parsed as-is (before includes/substitution); <c>null</c> to compare with <paramref name="config"/>.</param>
    /// <param name="config">The unredacted config the values were collected from.</param>
    public static string? RedactRaw(string raw, IReadOnlyList<string> sensitiveValues, JsonNode? parsed, JsonNode? config) =>
        RedactRaw(raw, sensitiveValues, parsed, config, SchemaContext.Value);

    /// <summary>Same, with explicit hints.</summary>
    public static string? RedactRaw(string raw, IReadOnlyList<string> sensitiveValues, JsonNode? parsed, JsonNode? config, JsonObject? uiHints) =>
        RedactRaw(raw, sensitiveValues, parsed, config, RedactionContext.Create(uiHints));

    /// <summary>
    /// Everything config.get needs: redacts <paramref name="config"/> (runtime, with defaults),
    /// <paramref name="parsed"/> and <paramref name="resolved"/>, and scrubs <paramref name="raw"/>
    /// with the values found in <paramref name="config"/>. An invalid snapshot exposes nothing:
    /// raw and parsed become null, resolved and config empty objects.
    /// </summary>
    public static RedactedSnapshot RedactSnapshot(bool valid, string? raw, JsonNode? parsed, JsonNode? resolved, JsonNode? config)
    {
        if (!valid)
        {
            return new RedactedSnapshot(null, null, new JsonObject(), new JsonObject());
        }

        var context = SchemaContext.Value;
        var redactedConfig = Redact(config, context);
        var redactedParsed = parsed is null ? null : Redact(parsed, context).Config;
        var redactedRaw = string.IsNullOrEmpty(raw) ? null : RedactRaw(raw, redactedConfig.SensitiveValues, parsed, config, context);
        return new RedactedSnapshot(redactedRaw, redactedParsed, Redact(resolved, context).Config, redactedConfig.Config);
    }

    /// <summary>
    /// The config to write for config.set/patch/apply: wherever <paramref name="incoming"/> has
    /// the sentinel on a sensitive path (or a SecretRef with a redacted id), the value from
    /// <paramref name="original"/> (the current runtime config) is put back.
    /// </summary>
    /// <exception cref="ConfigRedactionException">
    /// A sentinel has no stored counterpart, sits on a non-sensitive path, or a redacted SecretRef
    /// changed source/provider; the message is the reference's error text.
    /// </exception>
    public static JsonNode? Restore(JsonNode? incoming, JsonNode? original) => Restore(incoming, original, SchemaContext.Value);

    /// <summary>Same, with explicit hints.</summary>
    public static JsonNode? Restore(JsonNode? incoming, JsonNode? original, JsonObject? uiHints) =>
        Restore(incoming, original, RedactionContext.Create(uiHints));

    private static Redacted Redact(JsonNode? config, RedactionContext context)
    {
        var values = new List<string>();
        var copy = RedactWalker.Redact(config, context, values);
        return new Redacted(copy, values);
    }

    private static JsonNode Restore(JsonNode? incoming, JsonNode? original, RedactionContext context)
    {
        // The reference has no client text for these two; callers answer "invalid config".
        if (incoming is null)
        {
            throw new ConfigRedactionException();
        }

        if (incoming is not (JsonObject or JsonArray))
        {
            throw new ConfigRedactionException();
        }

        return RestoreWalker.Restore(incoming, original, context);
    }

    private static string? RedactRaw(string raw, IReadOnlyList<string> sensitiveValues, JsonNode? parsed, JsonNode? config, RedactionContext context)
    {
        var distinct = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in sensitiveValues)
        {
            if (value.Length > 0 && seen.Add(value))
            {
                distinct.Add(value);
            }
        }

        // Longest first so a secret containing another one is replaced whole. OrderBy is stable,
        // like the reference's sort, so equal lengths keep discovery order.
        var result = raw;
        foreach (var value in distinct.OrderByDescending(v => v.Length))
        {
            result = result.Replace(value, Sentinel, StringComparison.Ordinal);
        }

        return ChangesMeaning(result, parsed ?? config, config, context) ? null : result;
    }

    private static bool ChangesMeaning(string redactedRaw, JsonNode? expected, JsonNode? config, RedactionContext context)
    {
        JsonNode? reparsed;
        try
        {
            reparsed = Json5Parser.Parse(redactedRaw);
        }
        catch (Json5ParseException)
        {
            return true;
        }

        try
        {
            return !JsonNode.DeepEquals(Restore(reparsed, config, context), expected);
        }
        catch (ConfigRedactionException)
        {
            return true;
        }
    }
}
