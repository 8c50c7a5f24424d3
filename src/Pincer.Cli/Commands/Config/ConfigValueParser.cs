using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Config.Json5;

namespace Pincer.Cli.Commands.Config;

/// <summary>
/// Turns the <c>&lt;value&gt;</c> argument of <c>config set</c> into a JSON value: strict mode
/// demands JSON; the default tries JSON5 and falls back to the raw text as a string, so
/// <c>19000</c> is a number, <c>true</c> a boolean and <c>local</c> the string "local".
/// </summary>
internal static class ConfigValueParser
{
    public static JsonNode? Parse(string raw, bool strictJson)
    {
        var trimmed = raw.Trim();
        if (strictJson)
        {
            try
            {
                return RejectNonFinite(JsonNode.Parse(trimmed));
            }
            catch (JsonException ex)
            {
                throw new ConfigCommandException(
                    $"Could not parse {CliJsonText.Quote(raw)} as JSON for --strict-json. {FirstSentence(ex.Message)}. Use valid JSON. For structured changes, use a JSON5 config patch object file with `openclaw config patch --file <path> --dry-run`. For plain strings, omit --strict-json.");
            }
        }

        JsonNode? parsed;
        try
        {
            parsed = Json5Parser.Parse(trimmed);
        }
        catch (Json5ParseException)
        {
            return JsonValue.Create(raw);
        }

        return RejectNonFinite(parsed);
    }

    /// <summary>Parses <c>--expect-current-json</c> (strict JSON only).</summary>
    public static JsonNode? ParseExpectation(string raw)
    {
        try
        {
            return RejectNonFinite(JsonNode.Parse(raw));
        }
        catch (Exception ex) when (ex is JsonException or ConfigCommandException)
        {
            throw new ConfigCommandException("config set mode error: --expect-current-json must be valid JSON.");
        }
    }

    private static JsonNode? RejectNonFinite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    RejectNonFinite(child);
                }

                break;
            case JsonArray arr:
                foreach (var child in arr)
                {
                    RejectNonFinite(child);
                }

                break;
            case JsonValue v when v.TryGetValue<double>(out var d) && !double.IsFinite(d):
                throw new ConfigCommandException("Config values must be finite numbers (NaN and Infinity are not allowed).");
        }

        return node;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
