namespace Pincer.Client.Connection;

/// <summary>
/// <c>client.platform</c> / <c>client.deviceFamily</c> as the reference reports them
/// (linux/Linux, macos/Mac, windows/Windows; unknown platforms send no family). The device-auth
/// payload lower-cases both, so capitalisation only matters for display, but pairing pins them.
/// </summary>
public static class GatewayClientPlatform
{
    public static string Current =>
        OperatingSystem.IsWindows() ? "windows" :
        OperatingSystem.IsMacOS() ? "macos" :
        OperatingSystem.IsLinux() ? "linux" :
        OperatingSystem.IsFreeBSD() ? "freebsd" : "unknown";

    public static string? CurrentFamily =>
        OperatingSystem.IsWindows() ? "Windows" :
        OperatingSystem.IsMacOS() ? "Mac" :
        OperatingSystem.IsLinux() ? "Linux" : null;
}
