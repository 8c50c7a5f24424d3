using Pincer.Config.Loading;
using Pincer.Config.Writing;

namespace Pincer.Gateway.Configuration;

/// <summary>
/// The per-install secret that turns content hashes into the opaque <c>hmac-sha256:v1:</c>
/// revision tokens clients see. Kept in the state dir so tokens survive restarts.
/// </summary>
internal static class ConfigRevisionKey
{
    public static ConfigRevisionProjector LoadOrCreate(string stateDir)
    {
        var path = Path.Combine(stateDir, "pincer", "config-revision.key");
        if (File.Exists(path) && Convert.FromBase64String(File.ReadAllText(path).Trim()) is { Length: ConfigRevisionProjector.KeyBytes } stored)
        {
            return new ConfigRevisionProjector(stored);
        }

        var key = ConfigRevisionProjector.CreateKey();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFileWriter.WriteAllText(path, Convert.ToBase64String(key));
        return new ConfigRevisionProjector(key);
    }
}
