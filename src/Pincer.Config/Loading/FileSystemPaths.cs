namespace Pincer.Config.Loading;

/// <summary>Canonical-path and containment checks needed to keep includes inside their roots.</summary>
internal static class FileSystemPaths
{
    /// <summary>Like POSIX realpath: every symlink component resolved. <c>null</c> when the path does not exist.</summary>
    public static string? RealPath(string path, int hops = 0)
    {
        var full = Path.GetFullPath(path);
        if (!Path.Exists(full) || hops > 40)
            return null;
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var segment in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, segment);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is null)
                    return null;
                next = RealPath(target, hops + 1) ?? target;
            }

            current = next;
        }

        return current;
    }

    /// <summary>Canonicalises the deepest existing ancestor and re-appends the missing tail.</summary>
    public static string RealPathViaExistingAncestor(string path)
    {
        var full = Path.GetFullPath(path);
        var tail = new Stack<string>();
        var current = full;
        while (!Path.Exists(current))
        {
            var parent = Path.GetDirectoryName(current);
            if (parent is null)
                return full;
            tail.Push(Path.GetFileName(current));
            current = parent;
        }

        var resolved = RealPath(current) ?? current;
        while (tail.Count > 0)
            resolved = Path.Combine(resolved, tail.Pop());
        return resolved;
    }

    public static string SafeRealPath(string path) => RealPath(path) ?? path;

    public static bool IsInside(string root, string candidate)
    {
        var trimmedRoot = root.Length > 1 ? root.TrimEnd(Path.DirectorySeparatorChar) : root;
        if (string.Equals(trimmedRoot, candidate, StringComparison.Ordinal))
            return true;
        var prefix = trimmedRoot.EndsWith(Path.DirectorySeparatorChar) ? trimmedRoot : trimmedRoot + Path.DirectorySeparatorChar;
        return candidate.StartsWith(prefix, StringComparison.Ordinal);
    }
}
