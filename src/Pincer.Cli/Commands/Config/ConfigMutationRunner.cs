using System.Globalization;
using System.Text.Json.Nodes;
using Pincer.Cli.Output;
using Pincer.Config.Reload;
using Pincer.Config.Validation;
using Pincer.Config.Writing;

namespace Pincer.Cli.Commands.Config;

/// <summary>
/// Applies set/unset operations to the authored config file: refuses managed paths and invalid
/// starting files, applies every operation to a copy, validates the result (never writes an
/// invalid config), keeps the previous file as <c>.bak</c>, stamps <c>meta</c> and writes atomically.
/// </summary>
internal static class ConfigMutationRunner
{
    private static readonly string[][] AutoManaged =
    [
        ["meta", "lastTouchedVersion"],
        ["meta", "migrations", "modelPolicyAllowlist"],
        ["meta", "migrations", "utilityModelSeparation"],
    ];

    private static readonly HashSet<string> ProtectedMaps = new(StringComparer.Ordinal)
    {
        "agents.defaults.models", "models.providers", "agents.entries", "plugins.entries", "auth.profiles",
    };

    public static int Run(CliContext ctx, IReadOnlyList<ConfigOperation> operations, ConfigMutationOptions options)
    {
        string? configPath = null;
        try
        {
            return Apply(ctx, operations, options, out configPath);
        }
        catch (ConfigDryRunException ex)
        {
            CliJson.Write(ctx.Out, ex.Result);
            return 1;
        }
        catch (ConfigCommandException ex)
        {
            return Fail(ctx, options, ex.Message, configPath, "schema");
        }
    }

    /// <summary>Errors before or during the mutation; with <c>--dry-run --json</c> they also get a result document.</summary>
    public static int Fail(CliContext ctx, ConfigMutationOptions options, string message, string? configPath, string kind = "schema")
    {
        if (options.DryRun && options.Json)
        {
            configPath ??= Pincer.Config.Paths.ConfigPathResolver.ResolveConfigPath(ctx.Environment);
            CliJson.Write(ctx.Out, ConfigDryRunReport.Build(false, 0, configPath, [], false, [(kind, message)]));
        }

        ctx.Err.WriteLine(message);
        return 1;
    }

    private static int Apply(CliContext ctx, IReadOnlyList<ConfigOperation> operations, ConfigMutationOptions options, out string? configPath)
    {
        configPath = null;
        if (operations.Any(o => o.Path.StartsWith("plugins", "installs")))
        {
            throw new ConfigCommandException(
                "plugins.installs belongs to the plugin index and config set cannot edit it.\n\nManage plugins with:\n  openclaw plugins install <spec>\n  openclaw plugins update <plugin-id>\n  openclaw plugins uninstall <plugin-id>");
        }

        var managed = ManagedTargets(operations, options.Merge);
        if (managed.Count > 0)
        {
            throw new ConfigCommandException(
                $"{string.Join(", ", managed)} is auto-managed by OpenClaw and cannot be edited; the value would be overwritten on the next config write.\n\nOpenClaw stamps these fields on every write with the version that wrote the file.");
        }

        var report = ConfigInvalidReport.Load(ctx);
        var snapshot = report.Snapshot;
        configPath = snapshot.Path;
        if (!report.Valid)
        {
            var lines = new List<string> { $"Refusing to edit an invalid config file: {snapshot.Path}" };
            lines.AddRange(report.Issues.Select(i => $"  - {ConfigInvalidReport.DisplayPath(i.Path)}: {i.Message}"));
            lines.Add("Check it with `openclaw config validate` and repair it (e.g. `openclaw doctor --fix`) before retrying.");
            throw new ConfigCommandException(string.Join('\n', lines));
        }

        var current = snapshot.Parsed as JsonObject ?? [];
        var next = current.DeepClone().AsObject();
        var inputModes = operations.Select(o => o.InputMode).ToList();
        foreach (var op in operations)
        {
            if (options.ExpectAbsent || options.HasExpectedValue)
            {
                var found = ConfigTree.TryGet(current, op.Path.Segments, out var existing);
                var matches = options.ExpectAbsent ? !found : found && JsonNode.DeepEquals(existing, options.ExpectedValue);
                if (!matches)
                {
                    return Fail(ctx, options,
                        "The config file changed while this command was writing (conditional config set expectation did not match the authored config), so nothing was changed. Re-run the same command to pick up the new file and try again.",
                        configPath, "conflict");
                }
            }

            if (op.Delete)
            {
                if (!ConfigTree.Unset(next, op.Path.Segments))
                {
                    var shown = ConfigPathParser.Format(op.Path);
                    if (options.DryRun && options.Json)
                    {
                        throw new ConfigDryRunException(ConfigDryRunReport.Build(false, 1, snapshot.Path, inputModes, false,
                            [("missing-path", $"Config path not found: {shown}. Nothing was changed.")]));
                    }

                    throw new ConfigCommandException(
                        $"Config path not found: {shown}. Nothing was changed. Run openclaw config get <path> first if you are unsure of the path.");
                }

                continue;
            }

            if (options.Merge)
            {
                ConfigTree.Merge(next, op.Path, op.Value?.DeepClone());
            }
            else
            {
                GuardReplacement(next, op, options.Replace);
                ConfigTree.Set(next, op.Path, op.Value?.DeepClone());
            }
        }

        var removedAuth = PruneInactiveAuth(next, operations);
        var checksRan = inputModes.Any(m => m != "value");
        if (options.DryRun)
        {
            var issues = checksRan ? ConfigValidator.Validate(next) : [];
            if (issues.Count > 0)
            {
                var errors = issues.Select(i => ("schema", $"- {ConfigInvalidReport.DisplayPath(i.Path)}: {i.Message}")).ToList();
                if (options.Json)
                {
                    throw new ConfigDryRunException(ConfigDryRunReport.Build(false, operations.Count, snapshot.Path, inputModes, true, errors));
                }

                throw new ConfigCommandException("Dry run failed: the result does not pass schema validation.\n" + string.Join('\n', errors.Select(e => e.Item2)));
            }

            if (options.Json)
            {
                CliJson.Write(ctx.Out, ConfigDryRunReport.Build(true, operations.Count, snapshot.Path, inputModes, true));
                return 0;
            }

            if (!checksRan)
            {
                ctx.Out.WriteLine("Dry run note: plain value mode skips schema and SecretRef checks; add --strict-json (or use batch/builder mode) to run them.");
            }

            ctx.Out.WriteLine($"Dry run OK: {operations.Count} update(s) checked against {snapshot.Path}.");
            return 0;
        }

        if (JsonNode.DeepEquals(current, next))
        {
            ctx.Out.WriteLine("No change");
            return 0;
        }

        var problems = ConfigValidator.Validate(next);
        if (problems.Count > 0)
        {
            var first = problems[0];
            throw new ConfigCommandException($"Config validation failed: {ConfigInvalidReport.DisplayPath(first.Path)}: {first.Message}");
        }

        if (HasGatewayMode(current) && !HasGatewayMode(next))
        {
            var rejected = $"{snapshot.Path}.rejected.{ctx.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss-fff'Z'", CultureInfo.InvariantCulture)}";
            AtomicFileWriter.WriteAllText(rejected, CliJson.Format(next) + "\n");
            throw new ConfigCommandException(
                $"Config write rejected: {snapshot.Path} (gateway-mode-removed). Rejected payload saved to {rejected}.");
        }

        var changed = ConfigDiff.ChangedPaths(current, next);
        Stamp(next);
        if (snapshot.Raw is { } raw && Json5Comments.Present(raw))
        {
            ctx.Err.WriteLine($"Note: writing {snapshot.Path} as plain JSON drops its JSON5 comments.");
        }

        if (snapshot.Exists && snapshot.Raw is not null)
        {
            AtomicFileWriter.WriteAllText(snapshot.Path + ".bak", snapshot.Raw);
        }

        AtomicFileWriter.WriteAllText(snapshot.Path, CliJson.Format(next) + "\n");
        if (removedAuth.Count > 0)
        {
            ctx.Out.WriteLine($"Removed inactive {string.Join(", ", removedAuth)} for gateway.auth.mode={(next["gateway"]?["auth"]?["mode"] as JsonValue)?.ToString() ?? "<unset>"}.");
        }

        var hint = ReloadClassifier.Combine(ReloadClassifier.Classify(changed)) switch
        {
            ReloadKind.Restart => "Restart the gateway to apply.",
            ReloadKind.Hot => "Change will apply without restarting the gateway.",
            _ => "No gateway restart needed.",
        };
        if (operations.Count == 1)
        {
            ctx.Out.WriteLine($"{(operations[0].Delete ? "Removed" : "Updated")} {ConfigPathParser.Format(operations[0].Path)}. {hint}");
        }
        else
        {
            ctx.Out.WriteLine($"Updated {operations.Count} config paths. {hint}");
        }

        return 0;
    }

    private static List<string> ManagedTargets(IReadOnlyList<ConfigOperation> operations, bool merge)
    {
        var found = new List<string>();
        foreach (var op in operations)
        {
            foreach (var managed in AutoManaged)
            {
                var hit = op.Path.StartsWith(managed)
                    || (op.Path.Segments.Count < managed.Length && managed.Take(op.Path.Segments.Count).SequenceEqual(op.Path.Segments)
                        && (op.Delete || !merge || ConfigTree.TryGet(op.Value, managed.Skip(op.Path.Segments.Count).ToList(), out _)));
                var label = op.Path.StartsWith(managed) ? op.Path.Dotted : string.Join('.', managed);
                if (hit && !found.Contains(label))
                {
                    found.Add(label);
                }
            }
        }

        return found;
    }

    private static void GuardReplacement(JsonObject root, ConfigOperation op, bool allowReplace)
    {
        if (allowReplace || !ConfigTree.TryGet(root, op.Path.Segments, out var existing))
        {
            return;
        }

        var segments = op.Path.Segments;
        var dotted = op.Path.Dotted;
        var isMap = ProtectedMaps.Contains(dotted) || (segments.Count == 3 && segments[0] == "models" && segments[1] == "providers");
        if (isMap && existing is JsonObject before && op.Value is JsonObject after)
        {
            var removed = before.Select(p => p.Key).Where(k => !after.ContainsKey(k)).ToList();
            if (removed.Count > 0)
            {
                throw new ConfigCommandException($"Refusing to replace {dotted}; it would remove existing entries: {ListRemoved(removed)}. Use --merge to merge object values or --replace to replace intentionally.");
            }
        }

        var isModelList = segments.Count == 4 && segments[0] == "models" && segments[1] == "providers" && segments[3] == "models";
        if (isModelList && Ids(existing) is { } oldIds && Ids(op.Value) is { } newIds)
        {
            var removed = oldIds.Where(id => !newIds.Contains(id)).ToList();
            if (removed.Count > 0)
            {
                throw new ConfigCommandException($"Refusing to replace {dotted}; it would remove existing entries: {ListRemoved(removed)}. Use --merge to merge by id or --replace to replace intentionally.");
            }
        }
    }

    private static string ListRemoved(List<string> removed) =>
        string.Join(", ", removed.Take(6)) + (removed.Count > 6 ? $", ... {removed.Count - 6} more" : "");

    private static List<string>? Ids(JsonNode? node)
    {
        if (node is not JsonArray arr)
        {
            return null;
        }

        var ids = new List<string>();
        foreach (var entry in arr)
        {
            if (entry is not JsonObject o || o["id"] is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String || v.GetValue<string>().Trim().Length == 0)
            {
                return null;
            }

            ids.Add(v.GetValue<string>().Trim());
        }

        return ids;
    }

    private static List<string> PruneInactiveAuth(JsonObject root, IReadOnlyList<ConfigOperation> operations)
    {
        var removed = new List<string>();
        if (!operations.Any(o => o.Path.Segments.SequenceEqual(["gateway", "auth", "mode"])) || root["gateway"]?["auth"] is not JsonObject auth)
        {
            return removed;
        }

        var mode = auth["mode"] is JsonValue m && m.GetValueKind() == System.Text.Json.JsonValueKind.String ? m.GetValue<string>().Trim() : "";
        string[] drop = mode switch
        {
            "token" => ["password"],
            "password" => ["token"],
            "trusted-proxy" => ["token", "password"],
            _ => [],
        };
        foreach (var key in drop)
        {
            if (auth.Remove(key))
            {
                removed.Add($"gateway.auth.{key}");
            }
        }

        return removed;
    }

    private static bool HasGatewayMode(JsonObject config) => config["gateway"] is JsonObject g && g.ContainsKey("mode");

    /// <summary>Every write records the writer's version and the migrations it has applied.</summary>
    private static void Stamp(JsonObject config) => ConfigWriteStamp.Apply(config);
}
