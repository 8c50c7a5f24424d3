using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Pincer.Bench;

/// <summary>What the numbers were measured on.</summary>
internal static class MachineInfo
{
    public static JsonObject Collect() => new()
    {
        ["nproc"] = Environment.ProcessorCount,
        ["memTotalKb"] = MemTotalKb(),
        ["cpuModel"] = FirstMatch("/proc/cpuinfo", "model name"),
        ["kernel"] = Read("/proc/sys/kernel/osrelease"),
        ["os"] = RuntimeInformation.OSDescription,
        ["harnessRuntime"] = RuntimeInformation.FrameworkDescription,
        ["loadAvg"] = LoadAvg(),
    };

    public static string LoadAvg() => Read("/proc/loadavg");

    private static long MemTotalKb()
    {
        var line = FirstMatch("/proc/meminfo", "MemTotal");
        var digits = new string([.. line.Where(char.IsDigit)]);
        return digits.Length > 0 ? long.Parse(digits) : -1;
    }

    private static string FirstMatch(string file, string key)
    {
        try
        {
            var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) ?? "";
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? line : line[(colon + 1)..].Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string Read(string file)
    {
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
