using System.Text.Json.Nodes;
using Pincer.Config;
using Pincer.Config.Loading;
using Pincer.Config.Validation;

namespace Pincer.Cli.Commands.Config;

/// <summary>
/// Loads the active config for the <c>config</c> commands and reports an invalid one: the
/// <c>{path, message}</c> issue list (root issues as <c>&lt;root&gt;</c>) and our human wording.
/// </summary>
internal sealed class ConfigInvalidReport
{
    private ConfigInvalidReport(ConfigFileSnapshot snapshot, IReadOnlyList<ConfigIssue> issues, IReadOnlyList<ConfigIssue> warnings)
    {
        Snapshot = snapshot;
        Issues = issues;
        Warnings = warnings;
    }

    public ConfigFileSnapshot Snapshot { get; }

    public IReadOnlyList<ConfigIssue> Issues { get; }

    public IReadOnlyList<ConfigIssue> Warnings { get; }

    public bool Valid => Issues.Count == 0;

    public static ConfigInvalidReport Load(CliContext ctx)
    {
        var path = Pincer.Config.Paths.ConfigPathResolver.ResolveConfigPath(ctx.Environment);
        var snapshot = ConfigFileLoader.Load(path, ctx.Environment);
        if (!snapshot.Exists)
        {
            return new ConfigInvalidReport(snapshot, [], []);
        }

        if (snapshot.ParseIssues.Count > 0)
        {
            return new ConfigInvalidReport(snapshot, snapshot.ParseIssues, snapshot.Warnings);
        }

        var result = ConfigValidator.ValidateDetailed(snapshot.Resolved);
        return new ConfigInvalidReport(snapshot, result.Issues, [.. snapshot.Warnings, .. result.Warnings]);
    }

    public static string DisplayPath(string path) => path.Length == 0 ? "<root>" : path;

    public static JsonArray ToJson(IEnumerable<ConfigIssue> issues) =>
        new([.. issues.Select(i => (JsonNode)new JsonObject { ["path"] = DisplayPath(i.Path), ["message"] = i.Message })]);

    public string Headline => $"OpenClaw config is invalid: {Snapshot.Path}";

    /// <summary>Human explanation for commands that refuse to work on an invalid file.</summary>
    public void WriteHuman(TextWriter err, string advice)
    {
        err.WriteLine($"The config file {Snapshot.Path} does not validate:");
        foreach (var issue in Issues)
        {
            err.WriteLine($"  × {DisplayPath(issue.Path)}: {issue.Message}");
        }

        err.WriteLine(advice);
    }
}
