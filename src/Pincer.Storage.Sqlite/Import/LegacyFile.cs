using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Storage.Sqlite.Import;

/// <summary>One legacy source read once: its exact bytes (for the receipt hash) and its parsed JSON.</summary>
internal sealed class LegacyFile
{
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private LegacyFile(string path, byte[] bytes)
    {
        Path = path;
        Bytes = bytes;
        Sha256 = MigrationReceipts.Sha256Hex(bytes);
    }

    public string Path { get; }

    public byte[] Bytes { get; }

    public string Sha256 { get; }

    public string Text => Encoding.UTF8.GetString(Bytes);

    public static LegacyFile Read(string path) => new(System.IO.Path.GetFullPath(path), File.ReadAllBytes(path));

    /// <summary>The parsed document; null when the file is not JSON (older builds wrote JSON5-tolerant files, so comments and trailing commas pass).</summary>
    public JsonNode? TryParse()
    {
        try
        {
            var text = Text;
            return JsonNode.Parse(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text, documentOptions: Lenient);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>, numbering the target when one already exists.</summary>
    public static string MoveAside(string from, string to)
    {
        var target = to;
        for (var n = 1; File.Exists(target); n++)
        {
            target = $"{to}.{n}";
        }

        File.Move(from, target);
        return target;
    }
}
