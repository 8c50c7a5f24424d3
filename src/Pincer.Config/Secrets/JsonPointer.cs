using System.Globalization;
using System.Text.Json.Nodes;

namespace Pincer.Config.Secrets;

/// <summary>RFC 6901 lookups for file-backed secret ids; a missing segment throws <see cref="KeyNotFoundException"/>.</summary>
internal static class JsonPointer
{
    public static JsonNode? Read(JsonNode? root, string pointer)
    {
        if (!pointer.StartsWith('/'))
            throw new KeyNotFoundException("File-backed secret ids must be absolute JSON pointers (for example: \"/providers/openai/apiKey\").");
        var current = root;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current is JsonArray array)
            {
                if (!IsIndex(token, out var index) || index >= array.Count)
                    throw new KeyNotFoundException($"JSON pointer segment \"{token}\" is out of bounds.");
                current = array[index];
                continue;
            }

            if (current is not JsonObject obj || !obj.TryGetPropertyValue(token, out var next))
                throw new KeyNotFoundException($"JSON pointer segment \"{token}\" does not exist.");
            current = next;
        }

        return current;
    }

    private static bool IsIndex(string token, out int index)
    {
        index = 0;
        return token.Length > 0 && token.All(char.IsAsciiDigit) && (token == "0" || token[0] != '0')
            && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
