namespace Pincer.Config;

/// <summary>The reference release whose formats Pincer reads and writes and whose wire it speaks.</summary>
public static class OpenClawRelease
{
    public const string Version = "2026.9.6";
}
