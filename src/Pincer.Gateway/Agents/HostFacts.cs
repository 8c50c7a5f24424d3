using System.Runtime.InteropServices;

namespace Pincer.Gateway.Agents;

/// <summary>The host facts the runtime line reports, in the shapes the reference prints them.</summary>
internal static class HostFacts
{
    /// <summary><c>Linux 6.18.44-fc-v1272 (x64)</c>: the kernel type, its release as <c>uname -r</c> prints it, the architecture.</summary>
    public static string OperatingSystem { get; } = Describe();

    /// <summary>The runtime in the slot the reference fills with its Node version.</summary>
    public static string Runtime { get; } = "dotnet-" + Environment.Version;

    /// <summary>The nearest directory at or above <paramref name="dir"/> holding <c>.git</c>, or null.</summary>
    public static string? GitRoot(string dir)
    {
        for (var current = new DirectoryInfo(dir); current is not null; current = current.Parent)
        {
            var marker = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                return current.FullName;
            }
        }

        return null;
    }

    private static string Describe()
    {
        var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        if (!System.OperatingSystem.IsLinux())
        {
            return $"{RuntimeInformation.OSDescription} ({arch})";
        }

        string release;
        try
        {
            release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            release = Environment.OSVersion.Version.ToString();
        }

        return $"Linux {release} ({arch})";
    }
}
