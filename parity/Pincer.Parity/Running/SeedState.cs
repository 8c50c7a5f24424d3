namespace Pincer.Parity.Running;

/// <summary>
/// Copies a seed state dir into a run's state dir before the gateway starts, so both gateways serve
/// byte-identical stores (binary files such as the per-agent SQLite DBs included).
/// </summary>
public static class SeedState
{
    public static void CopyInto(string seedDir, string stateDir)
    {
        if (!Directory.Exists(seedDir))
        {
            throw new DirectoryNotFoundException($"seedStateDir not found: {seedDir}");
        }

        foreach (var source in Directory.EnumerateFiles(seedDir, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(stateDir, Path.GetRelativePath(seedDir, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }
    }
}
