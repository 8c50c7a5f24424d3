using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Providers;

/// <summary>
/// A tool call's arguments between the wire (a JSON object, streamed as text or sent as an object) and
/// <c>FunctionCallContent.Arguments</c> (a dictionary whose values are <see cref="JsonElement"/>s when they came from a model).
/// </summary>
public static class ToolArguments
{
    /// <summary>The arguments of a finished call; broken or non-object JSON gives no arguments (the tool then says what is missing).</summary>
    public static Dictionary<string, object?> Parse(string? text)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return arguments;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return FromObject(document.RootElement);
        }
        catch (JsonException)
        {
            return arguments;
        }
    }

    /// <summary>The properties of a JSON object as cloned elements (empty for anything but an object).</summary>
    public static Dictionary<string, object?> FromObject(JsonElement element)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }
        }

        return arguments;
    }

    /// <summary>Writes the arguments as one JSON object value, in their dictionary order.</summary>
    public static void Write(Utf8JsonWriter json, IDictionary<string, object?>? arguments)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        foreach (var (name, value) in arguments ?? new Dictionary<string, object?>())
        {
            json.WritePropertyName(name);
            WriteValue(json, value);
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(json);
                break;
            case JsonNode node:
                node.WriteTo(json);
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case long number:
                json.WriteNumberValue(number);
                break;
            case int number:
                json.WriteNumberValue(number);
                break;
            case double number:
                json.WriteNumberValue(number);
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }
}
