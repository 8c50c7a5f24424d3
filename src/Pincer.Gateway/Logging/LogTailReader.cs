using System.Text;
using System.Text.Json.Nodes;

namespace Pincer.Gateway.Logging;

/// <summary>
/// Cursor-paged reads of the log file with the reference's bounds: default 500 lines / 250 kB,
/// at most 5000 lines / 1 MB; a cursor past the end (rotation) resets to the tail.
/// </summary>
internal static class LogTailReader
{
    public const int DefaultLimit = 500;
    public const int DefaultMaxBytes = 250_000;
    public const int MaxLimit = 5_000;
    public const int MaxBytes = 1_000_000;

    public static JsonObject Read(string file, long? cursorParam, int? limitParam, int? maxBytesParam)
    {
        var maxBytes = Math.Clamp(maxBytesParam ?? DefaultMaxBytes, 1, MaxBytes);
        var limit = Math.Clamp(limitParam ?? DefaultLimit, 1, MaxLimit);
        var info = new FileInfo(file);
        var size = info.Exists ? info.Length : 0;
        long start;
        var reset = false;
        var truncated = false;
        long? skipped = null;
        if (cursorParam is { } cursor)
        {
            cursor = Math.Max(0, cursor);
            if (cursor > size)
            {
                reset = true;
                start = Math.Max(0, size - maxBytes);
                truncated = start > 0;
            }
            else
            {
                start = cursor;
                if (size - start > maxBytes)
                {
                    reset = true;
                    truncated = true;
                    var bounded = Math.Max(0, size - maxBytes);
                    skipped = bounded - start;
                    start = bounded;
                }
            }
        }
        else
        {
            start = Math.Max(0, size - maxBytes);
            truncated = start > 0;
        }

        var result = new JsonObject { ["file"] = file };
        if (size == 0 || size <= start)
        {
            return Finish(result, size, size, [], truncated, reset, skipped);
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var startsMidLine = false;
        if (start > 0)
        {
            stream.Position = start - 1;
            startsMidLine = stream.ReadByte() != '\n';
        }

        stream.Position = start;
        var buffer = new byte[size - start];
        stream.ReadExactly(buffer);
        var lastNewline = Array.LastIndexOf(buffer, (byte)'\n');
        var lines = Encoding.UTF8.GetString(buffer).Split('\n').ToList();
        lines.RemoveAt(lines.Count - 1);
        if (startsMidLine && lines.Count > 0)
        {
            lines.RemoveAt(0);
        }

        if (lines.Count > limit)
        {
            truncated = true;
            lines = lines[^limit..];
        }

        return Finish(result, start + lastNewline + 1, size, lines, truncated, reset, skipped);
    }

    private static JsonObject Finish(JsonObject result, long cursor, long size, List<string> lines, bool truncated, bool reset, long? skipped)
    {
        result["cursor"] = cursor;
        result["size"] = size;
        result["lines"] = new JsonArray([.. lines.Select(l => JsonValue.Create(l))]);
        result["truncated"] = truncated;
        result["reset"] = reset;
        if (skipped is { } s)
        {
            result["skippedBytes"] = s;
        }

        return result;
    }
}
