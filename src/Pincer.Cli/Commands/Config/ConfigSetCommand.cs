using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Cli.Parsing;

namespace Pincer.Cli.Commands.Config;

/// <summary>
/// <c>openclaw config set &lt;path&gt; &lt;value&gt;</c> (value mode; <c>--strict-json</c>/<c>--json</c> for JSON mode),
/// SecretRef builder mode (<c>--ref-provider/--ref-source/--ref-id</c>) and batch mode
/// (<c>--batch-json</c>/<c>--batch-file</c>, entries <c>{path, value}</c>). Provider builder mode is not supported yet.
/// </summary>
internal static class ConfigSetCommand
{
    private static readonly string[] ProviderOptions =
    [
        "provider-source", "provider-allowlist", "provider-path", "provider-mode", "provider-timeout-ms", "provider-max-bytes",
        "provider-command", "provider-arg", "provider-no-output-timeout-ms", "provider-max-output-bytes", "provider-json-only",
        "provider-env", "provider-pass-env", "provider-trusted-dir",
    ];

    public static readonly IReadOnlyList<OptionSpec> Options =
    [
        new("strict-json", false), new("json", false), new("expect-current-absent", false), new("expect-current-json", true),
        new("dry-run", false), new("allow-exec", false), new("merge", false), new("replace", false),
        new("ref-provider", true), new("ref-source", true), new("ref-id", true),
        new("batch-json", true), new("batch-file", true),
        .. ProviderOptions.Select(p => new OptionSpec(p, p != "provider-json-only")),
    ];

    public static Task<int> RunAsync(ParsedCommandLine cmd, CliContext ctx)
    {
        var options = new ConfigMutationOptions
        {
            DryRun = cmd.Has("dry-run"),
            Json = cmd.Has("json"),
            Merge = cmd.Has("merge"),
            Replace = cmd.Has("replace"),
        };
        try
        {
            options = WithExpectation(cmd, options);
            var operations = BuildOperations(cmd, options);
            if ((options.ExpectAbsent || options.HasExpectedValue) && operations.Count != 1)
            {
                throw new ConfigCommandException("config set mode error: conditional expectations require exactly one resolved operation.");
            }

            return Task.FromResult(ConfigMutationRunner.Run(ctx, operations, options));
        }
        catch (ConfigCommandException ex)
        {
            return Task.FromResult(ConfigMutationRunner.Fail(ctx, options, ex.Message, null));
        }
    }

    private static ConfigMutationOptions WithExpectation(ParsedCommandLine cmd, ConfigMutationOptions options)
    {
        var absent = cmd.Has("expect-current-absent");
        var expected = cmd.Value("expect-current-json");
        if (!absent && expected is null)
        {
            return options;
        }

        if (absent && expected is not null)
        {
            throw new ConfigCommandException("config set mode error: choose either --expect-current-absent or --expect-current-json, not both.");
        }

        if (options.DryRun)
        {
            throw new ConfigCommandException("config set mode error: conditional expectations cannot be combined with --dry-run.");
        }

        if (cmd.Has("batch-json") || cmd.Has("batch-file"))
        {
            throw new ConfigCommandException("config set mode error: conditional expectations require one path operation and cannot be combined with batch mode.");
        }

        return absent
            ? options with { ExpectAbsent = true }
            : options with { HasExpectedValue = true, ExpectedValue = ConfigValueParser.ParseExpectation(expected!) };
    }

    private static List<ConfigOperation> BuildOperations(ParsedCommandLine cmd, ConfigMutationOptions options)
    {
        var strict = cmd.Has("strict-json") || cmd.Has("json");
        var batch = cmd.Has("batch-json") || cmd.Has("batch-file");
        var refBuilder = cmd.Has("ref-provider") || cmd.Has("ref-source") || cmd.Has("ref-id");
        var providerBuilder = ProviderOptions.Any(cmd.Has);
        if (batch && (refBuilder || providerBuilder))
        {
            throw ModeError("batch mode (--batch-json/--batch-file) cannot be combined with ref builder (--ref-*) or provider builder (--provider-*) flags.");
        }

        if (refBuilder && providerBuilder)
        {
            throw ModeError("choose exactly one mode: ref builder (--ref-provider/--ref-source/--ref-id) or provider builder (--provider-*), not both.");
        }

        if (cmd.Has("allow-exec") && !options.DryRun)
        {
            throw ModeError("--allow-exec requires --dry-run.");
        }

        if (options.Merge && options.Replace)
        {
            throw ModeError("choose either --merge or --replace, not both.");
        }

        var rawPath = cmd.Positionals.Count > 0 ? cmd.Positionals[0] : null;
        var rawValue = cmd.Positionals.Count > 1 ? cmd.Positionals[1] : null;
        if (batch)
        {
            if (rawPath is not null || rawValue is not null)
            {
                throw ModeError("batch mode does not accept <path> or <value> arguments.");
            }

            return ReadBatch(cmd);
        }

        var hasPath = rawPath is not null && rawPath.Trim().Length > 0;
        if (providerBuilder)
        {
            throw ModeError("provider builder mode (--provider-*) is not supported by this build; write the provider object with --strict-json instead.");
        }

        if (refBuilder)
        {
            if (!hasPath)
            {
                throw ModeError("ref builder mode requires <path>.");
            }

            if (rawValue is not null)
            {
                throw ModeError("ref builder mode does not accept <value>.");
            }

            var provider = cmd.Value("ref-provider");
            var source = cmd.Value("ref-source");
            var id = cmd.Value("ref-id");
            if (string.IsNullOrEmpty(provider) || string.IsNullOrEmpty(source) || string.IsNullOrEmpty(id))
            {
                throw ModeError("ref builder mode requires --ref-provider <alias>, --ref-source <env|file|exec|store>, and --ref-id <id>.");
            }

            source = source.Trim();
            if (source is not ("env" or "file" or "exec" or "store"))
            {
                throw new ConfigCommandException("--ref-source must be one of: env, file, exec, store.");
            }

            var reference = new JsonObject { ["source"] = source, ["provider"] = provider.Trim(), ["id"] = id.Trim() };
            return [new ConfigOperation(ConfigPathParser.Parse(rawPath!), reference, false, "builder")];
        }

        if (!hasPath)
        {
            throw ModeError("value/json mode requires <path> when batch mode is not used.");
        }

        if (rawValue is null)
        {
            throw ModeError("value/json mode requires <value>.");
        }

        var path = ConfigPathParser.Parse(rawPath!);
        return [new ConfigOperation(path, ConfigValueParser.Parse(rawValue, strict), false, strict ? "json" : "value")];
    }

    private static List<ConfigOperation> ReadBatch(ParsedCommandLine cmd)
    {
        if (cmd.Has("batch-json") && cmd.Has("batch-file"))
        {
            throw new ConfigCommandException("Use either --batch-json or --batch-file, not both.");
        }

        string label;
        string text;
        if (cmd.Value("batch-json") is { } inline)
        {
            label = "--batch-json";
            text = inline;
        }
        else
        {
            label = "--batch-file";
            var file = cmd.Value("batch-file")?.Trim();
            if (string.IsNullOrEmpty(file))
            {
                throw new ConfigCommandException("--batch-file must not be empty.");
            }

            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ConfigCommandException($"Failed to read --batch-file {file}: {ex.Message}");
            }
        }

        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new ConfigCommandException($"Failed to parse {label}: {ex.Message}");
        }

        if (parsed is not JsonArray entries || entries.Count == 0)
        {
            throw new ConfigCommandException($"{label} must be a non-empty JSON array.");
        }

        var operations = new List<ConfigOperation>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonObject entry || entry["path"] is not JsonValue p || p.GetValueKind() != JsonValueKind.String || p.GetValue<string>().Trim().Length == 0)
            {
                throw new ConfigCommandException($"{label}[{i}].path is required.");
            }

            var kinds = new[] { "value", "ref", "provider" }.Count(entry.ContainsKey);
            if (kinds != 1)
            {
                throw new ConfigCommandException($"{label}[{i}] must include exactly one of: value, ref, provider.");
            }

            var value = entry.ContainsKey("value") ? entry["value"] : entry.ContainsKey("ref") ? entry["ref"] : entry["provider"];
            operations.Add(new ConfigOperation(ConfigPathParser.Parse(p.GetValue<string>()), value?.DeepClone(), false, "json"));
        }

        return operations;
    }

    private static ConfigCommandException ModeError(string message) => new($"config set mode error: {message}");
}
