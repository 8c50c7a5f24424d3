using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// Which processes hold a TCP socket listening on a port, read from <c>/proc</c> (the kernel's own
/// socket table and each process's fd links) rather than by shelling out to <c>lsof</c>. Rows carry
/// the fields the reference fills from <c>lsof -FpFcn</c> plus <c>ps</c>: pid, command (the 15-char
/// kernel name), address as lsof prints it (<c>127.0.0.1:18789</c>, <c>[::1]:18789</c>, <c>*:18789</c>),
/// user, full command line and parent pid.
/// </summary>
internal static class ProcListeners
{
    private const string ListenState = "0A";

    public static List<JsonObject> Find(int port)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/net"))
        {
            return [];
        }

        var sockets = new List<(string Inode, string Address)>();
        ReadTable("/proc/net/tcp", port, ipv6: false, sockets);
        ReadTable("/proc/net/tcp6", port, ipv6: true, sockets);
        if (sockets.Count == 0)
        {
            return [];
        }

        var owners = OwnersOf(sockets.Select(s => s.Inode).ToHashSet(StringComparer.Ordinal));
        var rows = new List<(int Pid, string Command, string Address)>();
        foreach (var (inode, address) in sockets)
        {
            foreach (var pid in owners.GetValueOrDefault(inode) ?? [])
            {
                var command = ReadText($"/proc/{pid}/comm")?.Trim() ?? "";
                if (!rows.Contains((pid, command, address)))
                {
                    rows.Add((pid, command, address));
                }
            }
        }

        var users = new Dictionary<int, string?>();
        var result = new List<JsonObject>();
        foreach (var (pid, command, address) in rows.OrderBy(r => r.Pid))
        {
            var row = new JsonObject { ["pid"] = pid, ["command"] = command, ["address"] = address };
            if (UserOf(pid, users) is { } user)
            {
                row["user"] = user;
            }

            if (CommandLine(pid) is { Length: > 0 } commandLine)
            {
                row["commandLine"] = commandLine;
            }

            if (ParentPid(pid) is > 0 and var ppid)
            {
                row["ppid"] = ppid;
            }

            result.Add(row);
        }

        return result;
    }

    private static void ReadTable(string path, int port, bool ipv6, List<(string, string)> into)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var line in lines.Skip(1))
        {
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10 || f[3] != ListenState)
            {
                continue;
            }

            var colon = f[1].IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !int.TryParse(f[1][(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var p) || p != port)
            {
                continue;
            }

            var host = DecodeHost(f[1][..colon], ipv6);
            if (host is not null && f[9] != "0")
            {
                into.Add((f[9], FormatAddress(host, port)));
            }
        }
    }

    /// <summary>The kernel writes each 32-bit word of the address in host (little-endian) order.</summary>
    private static IPAddress? DecodeHost(string hex, bool ipv6)
    {
        if (hex.Length != (ipv6 ? 32 : 8))
        {
            return null;
        }

        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            for (var b = 0; b < 4; b++)
            {
                bytes[(word * 4) + b] = byte.Parse(hex.AsSpan((word * 8) + ((3 - b) * 2), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        var address = new IPAddress(bytes);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>lsof's <c>-nP</c> form: wildcard as <c>*</c>, IPv6 in brackets.</summary>
    internal static string FormatAddress(IPAddress host, int port)
    {
        if (host.Equals(IPAddress.Any) || host.Equals(IPAddress.IPv6Any))
        {
            return $"*:{port}";
        }

        return host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]:{port}" : $"{host}:{port}";
    }

    private static Dictionary<string, List<int>> OwnersOf(HashSet<string> inodes)
    {
        var owners = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var dir in SafeEnumerate("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            foreach (var fd in SafeEnumerate(Path.Combine(dir, "fd")))
            {
                string? target;
                try
                {
                    target = new FileInfo(fd).LinkTarget;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && target.EndsWith(']'))
                {
                    var inode = target[8..^1];
                    if (inodes.Contains(inode))
                    {
                        if (!owners.TryGetValue(inode, out var list))
                        {
                            owners[inode] = list = [];
                        }

                        if (!list.Contains(pid))
                        {
                            list.Add(pid);
                        }
                    }
                }
            }
        }

        return owners;
    }

    private static IEnumerable<string> SafeEnumerate(string dir)
    {
        try
        {
            return Directory.GetFileSystemEntries(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Like <c>ps -o command=</c>: argv joined by spaces.</summary>
    private static string? CommandLine(int pid) =>
        ReadText($"/proc/{pid}/cmdline")?.Replace('\0', ' ').Trim();

    /// <summary>Field 4 of <c>/proc/PID/stat</c>, read after the parenthesised name (which may hold spaces).</summary>
    private static int? ParentPid(int pid)
    {
        var stat = ReadText($"/proc/{pid}/stat");
        var close = stat?.LastIndexOf(')') ?? -1;
        if (stat is null || close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 && int.TryParse(fields[1], out var ppid) ? ppid : null;
    }

    /// <summary>Like <c>ps -o user=</c>: the passwd name of the real uid, else the number.</summary>
    private static string? UserOf(int pid, Dictionary<int, string?> cache)
    {
        var status = ReadText($"/proc/{pid}/status");
        var uidLine = status?.Split('\n').FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = uidLine?[4..].Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (fields is not { Length: > 0 } || !int.TryParse(fields[0], out var uid))
        {
            return null;
        }

        if (!cache.TryGetValue(uid, out var name))
        {
            name = ReadText("/etc/passwd")?.Split('\n')
                .Select(l => l.Split(':'))
                .FirstOrDefault(p => p.Length > 2 && p[2] == uid.ToString(CultureInfo.InvariantCulture))?[0];
            cache[uid] = name ??= uid.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }
}
