namespace Pincer.Fakes.Scripting;

/// <summary>Token counts reported with a reply, mapped onto each wire's own usage fields.</summary>
public sealed record FakeUsage(int Input, int Output, int CacheRead = 0, int CacheWrite = 0, int Reasoning = 0)
{
    public static FakeUsage Default { get; } = new(12, 5);

    public int Total => Input + CacheRead + CacheWrite + Output;
}
