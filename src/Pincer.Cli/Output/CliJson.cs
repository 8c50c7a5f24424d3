using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Cli.Output;

/// <summary>
/// Writes JSON the way the reference prints it (<c>JSON.stringify(value, null, 2)</c>): two-space
/// indent, non-ASCII kept as-is. Numbers parsed from the wire keep their original text.
/// </summary>
internal static class CliJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(TextWriter writer, JsonNode? node) => writer.WriteLine(Format(node));

    /// <summary>One-line form (<c>JSON.stringify(value)</c>), same escaping as <see cref="Format"/>.</summary>
    public static string FormatCompact(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
