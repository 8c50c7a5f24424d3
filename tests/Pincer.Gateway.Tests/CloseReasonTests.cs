using System.Text;
using Pincer.Gateway.Connections;

namespace Pincer.Gateway.Tests;

/// <summary>Close reasons fit the 123-byte WebSocket limit without splitting characters.</summary>
public sealed class CloseReasonTests
{
    [Fact]
    public void ShortReasonIsUnchanged() => Assert.Equal("slow consumer", CloseReason.Truncate("slow consumer"));

    [Fact]
    public void ExactlyMaxBytesIsUnchanged()
    {
        var reason = new string('a', 123);
        Assert.Same(reason, CloseReason.Truncate(reason));
    }

    [Fact]
    public void LongAsciiIsCutTo123Bytes()
    {
        var reason = new string('a', 300);
        Assert.Equal(new string('a', 123), CloseReason.Truncate(reason));
    }

    [Fact]
    public void MultiByteCharactersAreNotSplit()
    {
        var truncated = CloseReason.Truncate(new string('é', 100));
        Assert.Equal(122, Encoding.UTF8.GetByteCount(truncated));
        Assert.Equal(new string('é', 61), truncated);
    }

    [Fact]
    public void SurrogatePairsAreNotSplit()
    {
        var truncated = CloseReason.Truncate(string.Concat(Enumerable.Repeat("😀", 40)));
        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 30)), truncated);
        Assert.True(Encoding.UTF8.GetByteCount(truncated) <= CloseReason.MaxBytes);
    }
}
