using Pincer.Config.Loading;
using Pincer.Config.Validation;

namespace Pincer.Gateway.Configuration;

/// <summary>Reads the config file through the config library and validates it strictly.</summary>
internal static class ConfigLoader
{
    public static ConfigSnapshot Load(string path, IReadOnlyDictionary<string, string> env, ConfigRevisionProjector revisions)
    {
        var file = ConfigFileLoader.Load(path, env);
        var issues = file.ParseIssues.Count > 0 || !file.Exists ? [] : ConfigValidator.Validate(file.Resolved);
        var revision = issues.Count == 0 && file.ResolvedHash is { } resolved ? revisions.ProjectResolvedHash(resolved) : null;
        return new ConfigSnapshot(file, issues, revisions.ProjectRawHash(file.Hash), revision);
    }
}
