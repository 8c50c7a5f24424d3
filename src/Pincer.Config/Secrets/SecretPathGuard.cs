namespace Pincer.Config.Secrets;

/// <summary>
/// The trust checks the reference applies before it reads a secrets file or runs an exec
/// provider: absolute, present, not a symlink, a regular file, owned by the effective user,
/// and not open to others. Failures are <see cref="InvalidOperationException"/>s carrying the
/// operator-facing text.
/// </summary>
internal static class SecretPathGuard
{
    /// <summary>Expands <c>~</c> and trims; returns "" for blank input.</summary>
    public static string ExpandUserPath(string? input, IReadOnlyDictionary<string, string> env)
    {
        var trimmed = input?.Trim() ?? "";
        if (trimmed.Length == 0)
            return "";
        if (trimmed == "~" || trimmed.StartsWith("~/", StringComparison.Ordinal))
        {
            var home = env.TryGetValue("HOME", out var h) && h.Length > 0 ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            trimmed = home + trimmed[1..];
        }

        return Path.IsPathFullyQualified(trimmed) ? Path.GetFullPath(trimmed) : trimmed;
    }

    /// <summary>Checks a secrets file before reading; returns the file size.</summary>
    public static long CheckSecretFile(string path, string label, long maxBytes)
    {
        if (path.Length == 0 || !Path.IsPathFullyQualified(path))
            throw new InvalidOperationException($"{label} must be an absolute path.");
        var info = new FileInfo(path);
        var status = UnixFileStatus.TryGet(path);
        if (!info.Exists && !Directory.Exists(path) && info.LinkTarget is null)
            throw new InvalidOperationException($"{label} is not readable: {path}");
        if (info.LinkTarget is not null || status?.IsSymlink == true)
            throw new InvalidOperationException($"{label} must not be a symlink: {path}");
        if (!info.Exists || (status is not null && !status.IsRegularFile))
            throw new InvalidOperationException($"{label} must be a file: {path}");
        if (info.Length > maxBytes)
            throw new InvalidOperationException($"{label} exceeded maxBytes ({maxBytes}).");
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            if ((mode & others) != 0)
                throw new InvalidOperationException($"{label} permissions are too open: {path}");
            CheckOwner(status, $"{label} must be owned by the effective user (uid={{0}}): {path}");
            if (status is not null && status.LinkCount > 1)
                throw new InvalidOperationException($"{label} must not be hardlinked: {path}");
        }

        return info.Length;
    }

    /// <summary>Checks an exec provider's command before running it.</summary>
    public static void CheckCommand(string path, string label, IEnumerable<string> trustedDirs, IReadOnlyDictionary<string, string> env)
    {
        if (path.Length == 0 || !Path.IsPathFullyQualified(path))
            throw new InvalidOperationException($"{label} must be an absolute path.");
        var info = new FileInfo(path);
        var status = UnixFileStatus.TryGet(path);
        var isLink = info.LinkTarget is not null || status?.IsSymlink == true;
        if (!info.Exists && !Directory.Exists(path) && !isLink)
            throw new InvalidOperationException($"{label} is not readable: {path}");
        if (Directory.Exists(path) && !isLink)
            throw new InvalidOperationException($"{label} must be a file: {path}");
        if (isLink)
            throw new InvalidOperationException($"{label} must not be a symlink: {path}");
        var dirs = trustedDirs.Select(d => ExpandUserPath(d, env)).Where(d => d.Length > 0).ToList();
        if (dirs.Count > 0 && !dirs.Any(d => IsInside(d, path)))
            throw new InvalidOperationException($"{label} is outside trustedDirs: {path}");
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
                throw new InvalidOperationException($"{label} permissions are too open: {path}");
            CheckOwner(status, $"{label} must be owned by the current user (uid={{0}}): {path}");
        }
    }

    private static void CheckOwner(UnixFileStatus? status, string messageFormat)
    {
        var uid = UnixFileStatus.EffectiveUid();
        if (status is not null && uid is { } effective && status.Uid != effective)
            throw new InvalidOperationException(string.Format(System.Globalization.CultureInfo.InvariantCulture, messageFormat, effective));
    }

    private static bool IsInside(string dir, string path)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(dir), path);
        return relative != ".." && !relative.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
