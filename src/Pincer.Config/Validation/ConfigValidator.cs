using System.Text.Json.Nodes;
using Pincer.Config.Schema;

namespace Pincer.Config.Validation;

/// <summary>
/// Validates a parsed config the way the reference does: legacy rewrites, then the core schema
/// (zod semantics), then cross-field rules, then plugin-owned blocks. Issue paths are dotted
/// (<c>""</c> for the root; the CLI prints that as <c>&lt;root&gt;</c>).
/// </summary>
public static class ConfigValidator
{
    public static IReadOnlyList<ConfigIssue> Validate(JsonNode? config) => ValidateDetailed(config).Issues;

    public static ConfigValidationResult ValidateDetailed(JsonNode? config)
    {
        var warnings = new List<ConfigIssue>();
        var effective = LegacyMigrations.Apply(config, warnings);
        var schema = ConfigSchemaDocument.Instance.Schema;

        var walker = new SchemaWalker();
        var raw = walker.Check(schema, effective, present: true, path: []);
        var issues = raw.Select(IssueFormatter.ToConfigIssue).ToList();

        if (effective is JsonObject root)
        {
            if (!raw.Any(i => !i.Continue))
            {
                issues.AddRange(CrossFieldRules.Check(root));
            }

            issues.AddRange(CrossFieldRules.UnknownChannels(root, schema));
            warnings.AddRange(CrossFieldRules.StalePluginEntries(root, schema));
            foreach (var (prefix, pluginSchema, value) in walker.PluginScopes)
            {
                var pluginIssues = new List<SchemaIssue>();
                new PluginSchemaWalker(walker, pluginSchema).Walk(pluginSchema, value, [], pluginIssues);
                issues.AddRange(pluginIssues.Select(i => IssueFormatter.ToConfigIssue(i.WithPrefix(prefix))));
            }
        }

        return new ConfigValidationResult(issues, warnings, [], effective);
    }
}
