using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Pincer.Gateway.Hosting;

namespace Pincer.Gateway.Presence;

/// <summary>
/// Who is around: the gateway itself ("self"), connected clients that carry an instance id, and
/// free-text system events (<c>system-event</c>). Served by <c>system-presence</c> and the
/// <c>presence</c> broadcast.
/// </summary>
internal sealed class PresenceRegistry(GatewayRuntime runtime, TimeProvider time)
{
    private const int MaxEntries = 200;
    private readonly ConcurrentDictionary<string, JsonObject> _entries = new(StringComparer.Ordinal);

    public JsonArray Snapshot()
    {
        var list = new JsonArray { (JsonNode)Self() };
        foreach (var entry in _entries.Values.OrderByDescending(e => (long?)e["ts"] ?? 0).Take(MaxEntries))
        {
            list.Add((JsonNode)entry.DeepClone());
        }

        return list;
    }

    public void Upsert(string key, JsonObject entry)
    {
        entry["ts"] = Now;
        _entries[key] = entry;
    }

    public bool Remove(string key) => _entries.TryRemove(key, out _);

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private JsonObject Self()
    {
        var host = HostFacts.Value;
        return new JsonObject
        {
            ["host"] = host.Name,
            ["ip"] = host.Ip,
            ["version"] = GatewayRuntime.CompatibleVersion,
            ["platform"] = host.Platform,
            ["deviceFamily"] = host.DeviceFamily,
            ["mode"] = "gateway",
            ["reason"] = "self",
            ["instanceId"] = runtime.InstanceId,
            ["text"] = $"Gateway: {host.Name} ({host.Ip}) · app {GatewayRuntime.CompatibleVersion} · mode gateway · reason self",
            ["ts"] = Now,
        };
    }

    // Host facts need interface enumeration and a /proc read: gathered once per process, not per snapshot.
    private static readonly Lazy<(string Name, string Ip, string Platform, string DeviceFamily)> HostFacts = new(() => (
        Environment.MachineName,
        PrimaryAddress(),
        $"{(OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : "win32")} {KernelRelease()}",
        OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsMacOS() ? "Mac" : "Windows"));

    /// <summary>The kernel's own release string (uname -r), as Node's os.release() reports it.</summary>
    private static string KernelRelease()
    {
        const string procRelease = "/proc/sys/kernel/osrelease";
        return OperatingSystem.IsLinux() && File.Exists(procRelease) ? File.ReadAllText(procRelease).Trim() : Environment.OSVersion.Version.ToString();
    }

    private static string PrimaryAddress()
    {
        try
        {
            foreach (var nic in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != System.Net.NetworkInformation.OperationalStatus.Up
                    || nic.NetworkInterfaceType == System.Net.NetworkInformation.NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                foreach (var address in nic.GetIPProperties().UnicastAddresses)
                {
                    if (address.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                    {
                        return address.Address.ToString();
                    }
                }
            }
        }
        catch (System.Net.NetworkInformation.NetworkInformationException)
        {
            // No interface table (sandboxes): fall through to loopback.
        }

        return IPAddress.Loopback.ToString();
    }
}
