using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Pincer.ControlUi.Serving;

/// <summary>
/// The embedded UI files, read once. <see cref="Version"/> is a digest of all of them: assets are served under
/// <c>assets/{Version}/…</c>, so a browser may cache them forever and a new build simply changes the URL.
/// </summary>
internal sealed class ControlUiAssets
{
    private const string ResourcePrefix = "ui/";
    private const string IndexName = "index.html";
    private readonly Dictionary<string, ControlUiAsset> _files;
    private readonly string _indexTemplate;

    private ControlUiAssets(Dictionary<string, ControlUiAsset> files, string indexTemplate, string version)
    {
        _files = files;
        _indexTemplate = indexTemplate;
        Version = version;
    }

    /// <summary>The assets in this assembly (shared: they never change while the process runs).</summary>
    public static ControlUiAssets Embedded { get; } = Load(typeof(ControlUiAssets).Assembly);

    public string Version { get; }

    public IEnumerable<string> Paths => _files.Keys;

    public ControlUiAsset? Find(string path) => _files.GetValueOrDefault(path);

    /// <summary>index.html with the base path and asset version filled in; the server caches one per base path.</summary>
    public ControlUiAsset Index(string basePath)
    {
        var html = _indexTemplate.Replace("{{BASE}}", basePath, StringComparison.Ordinal).Replace("{{VERSION}}", Version, StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(html);
        return new ControlUiAsset(IndexName, body, "text/html; charset=utf-8", ETagOf(body));
    }

    private static ControlUiAssets Load(Assembly assembly)
    {
        var files = new Dictionary<string, ControlUiAsset>(StringComparer.Ordinal);
        string? index = null;
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var body = buffer.ToArray();
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            digest.AppendData(Encoding.UTF8.GetBytes(path));
            digest.AppendData(body);
            if (path == IndexName)
            {
                index = Encoding.UTF8.GetString(body);
                continue;
            }

            if (ContentTypes.For(path) is { } type)
            {
                files[path] = new ControlUiAsset(path, body, type, ETagOf(body));
            }
        }

        var version = Convert.ToHexStringLower(digest.GetHashAndReset())[..12];
        return new ControlUiAssets(files, index ?? throw new InvalidOperationException("Control UI index.html is not embedded"), version);
    }

    private static string ETagOf(byte[] body) => "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..20] + "\"";
}
