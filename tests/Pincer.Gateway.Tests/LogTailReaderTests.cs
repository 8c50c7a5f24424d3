using System.Text.Json.Nodes;
using Pincer.Gateway.Logging;

namespace Pincer.Gateway.Tests;

/// <summary>Cursor paging over the log file: cursor, reset, truncation, limit.</summary>
public sealed class LogTailReaderTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "pincer-logtail-" + Guid.NewGuid().ToString("N") + ".log");

    public void Dispose() => File.Delete(_file);

    private static string[] Lines(JsonObject result) => [.. result["lines"]!.AsArray().Select(l => (string)l!)];

    [Fact]
    public void MissingFileIsEmpty()
    {
        var result = LogTailReader.Read(_file, null, null, null);
        Assert.Equal(0, result["size"]!.GetValue<long>());
        Assert.Equal(0, result["cursor"]!.GetValue<long>());
        Assert.Empty(Lines(result));
        Assert.False(result["truncated"]!.GetValue<bool>());
        Assert.False(result["reset"]!.GetValue<bool>());
    }

    [Fact]
    public void NoCursorReadsTailAndCursorFollowsNewLines()
    {
        File.WriteAllText(_file, "one\ntwo\n");
        var first = LogTailReader.Read(_file, null, null, null);
        Assert.Equal(["one", "two"], Lines(first));
        Assert.Equal(8, first["cursor"]!.GetValue<long>());
        Assert.Equal(8, first["size"]!.GetValue<long>());

        var idle = LogTailReader.Read(_file, 8, null, null);
        Assert.Empty(Lines(idle));
        Assert.Equal(8, idle["cursor"]!.GetValue<long>());

        File.AppendAllText(_file, "three\nfour\n");
        var next = LogTailReader.Read(_file, 8, null, null);
        Assert.Equal(["three", "four"], Lines(next));
        Assert.Equal(19, next["cursor"]!.GetValue<long>());
        Assert.False(next["reset"]!.GetValue<bool>());
    }

    [Fact]
    public void PartialLastLineIsLeftForNextRead()
    {
        File.WriteAllText(_file, "done\npart");
        var result = LogTailReader.Read(_file, null, null, null);
        Assert.Equal(["done"], Lines(result));
        Assert.Equal(5, result["cursor"]!.GetValue<long>());
        Assert.Equal(9, result["size"]!.GetValue<long>());
    }

    [Fact]
    public void CursorPastEndResets()
    {
        File.WriteAllText(_file, "a\nb\n");
        var result = LogTailReader.Read(_file, 1000, null, null);
        Assert.True(result["reset"]!.GetValue<bool>());
        Assert.Equal(["a", "b"], Lines(result));
        Assert.Equal(4, result["cursor"]!.GetValue<long>());
    }

    [Fact]
    public void ByteBoundTruncatesAndDropsPartialFirstLine()
    {
        File.WriteAllText(_file, "aaaa\nbbbb\ncccc\n");
        var result = LogTailReader.Read(_file, null, null, 7);
        Assert.True(result["truncated"]!.GetValue<bool>());
        Assert.Equal(["cccc"], Lines(result));
        Assert.Equal(15, result["cursor"]!.GetValue<long>());
    }

    [Fact]
    public void CursorTooFarBehindSkipsAndResets()
    {
        File.WriteAllText(_file, "aaaa\nbbbb\ncccc\n");
        var result = LogTailReader.Read(_file, 0, null, 5);
        Assert.True(result["reset"]!.GetValue<bool>());
        Assert.True(result["truncated"]!.GetValue<bool>());
        Assert.Equal(10, result["skippedBytes"]!.GetValue<long>());
        Assert.Equal(["cccc"], Lines(result));
    }

    [Fact]
    public void LimitKeepsLastLines()
    {
        File.WriteAllText(_file, string.Concat(Enumerable.Range(1, 10).Select(i => $"line{i}\n")));
        var result = LogTailReader.Read(_file, null, 3, null);
        Assert.Equal(["line8", "line9", "line10"], Lines(result));
        Assert.True(result["truncated"]!.GetValue<bool>());
        Assert.Equal(new FileInfo(_file).Length, result["cursor"]!.GetValue<long>());
    }
}
