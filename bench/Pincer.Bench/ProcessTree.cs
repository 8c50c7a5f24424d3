namespace Pincer.Bench;

/// <summary>Reads the process tree and memory counters from /proc.</summary>
internal static class ProcessTree
{
    /// <summary>The root pid followed by all of its live descendants (breadth-first).</summary>
    public static List<int> WithDescendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            var ppid = ReadParent(pid);
            if (ppid <= 0)
            {
                continue;
            }
            if (!children.TryGetValue(ppid, out var list))
            {
                children[ppid] = list = [];
            }
            list.Add(pid);
        }
        var result = new List<int> { root };
        for (var i = 0; i < result.Count && i < 10_000; i++)
        {
            if (children.TryGetValue(result[i], out var kids))
            {
                result.AddRange(kids);
            }
        }
        return result;
    }

    /// <summary>A counter such as VmRSS or VmHWM from /proc/PID/status, in kB; -1 when gone.</summary>
    public static long StatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var value = line[(field.Length + 1)..].Trim();
                    var space = value.IndexOf(' ', StringComparison.Ordinal);
                    return long.Parse(space < 0 ? value : value[..space]);
                }
            }
            return 0;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>User + system CPU time of the root and its live descendants, in ms (clock ticks at 100 Hz).</summary>
    public static double TreeCpuMs(int root)
    {
        double ticks = 0;
        foreach (var pid in WithDescendants(root))
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                // after ") ": state(3) ppid ... utime(14) stime(15) → indexes 11 and 12 of the rest
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
            }
            catch (IOException)
            {
                // gone
            }
        }
        return ticks * 10.0;
    }

    public static string CommandLine(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return raw.Length > 160 ? raw[..160] + "…" : raw;
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static int ReadParent(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            // after ") " comes: state ppid ...
            var fields = stat[(close + 2)..].Split(' ', 3);
            return fields.Length >= 2 && int.TryParse(fields[1], out var ppid) ? ppid : -1;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
