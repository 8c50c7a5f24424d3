using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Storage.Sqlite.Import;

/// <summary><c>JSON.stringify(value, null, 2)</c>: two-space indent, <c>"key": value</c>, <c>{}</c>/<c>[]</c> when empty.</summary>
internal static class JavaScriptPrettyJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Stringify(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            node.WriteTo(writer);
        }

        // Utf8JsonWriter indents with CRLF on Windows only when told; normalise anyway so bytes match everywhere.
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
