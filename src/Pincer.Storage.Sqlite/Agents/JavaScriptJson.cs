using Pincer.Abstractions.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// <c>JSON.stringify</c> byte for byte, for rows the reference writes as JSON text. System.Text.Json's
/// most relaxed encoder still escapes characters outside the BMP (emoji) as surrogate pairs, which the
/// reference never does; here only '"', '\\', control characters and lone surrogates are escaped, with
/// JavaScript's short forms. Numbers parsed from stored JSON keep their original text.
/// </summary>
internal static class JavaScriptJson
{
    public static string Stringify(JsonNode? node)
    {
        var builder = new StringBuilder(256);
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (name, value) in obj)
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(builder, name);
                    builder.Append(':');
                    Write(builder, value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(builder, value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                builder.Append(value.TryGetValue<JsonElement>(out var element) ? element.GetRawText() : value.ToJsonString());
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    /// <summary>One JSON.stringify string quoting for the whole codebase: <see cref="JsText.Quote"/>.</summary>
    private static void WriteString(StringBuilder builder, string text) => builder.Append(JsText.Quote(text));
}
