using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Config.Secrets;

/// <summary>
/// Resolves <see cref="SecretRef"/>s against <c>secrets.providers.&lt;alias&gt;</c> and
/// <c>secrets.defaults</c> of a resolved config, following the reference's rules: the selected
/// default env alias (normally <c>default</c>) is a built-in env provider unless configured
/// otherwise; file providers read a private, non-symlinked file (JSON object addressed by JSON
/// pointer, or <c>singleValue</c> read as id <c>value</c>); exec providers run an absolute,
/// non-symlinked command with <c>{"protocolVersion":1,"provider":…,"ids":[…]}</c> on stdin and
/// expect <c>{"protocolVersion":1,"values":{…},"errors"?:{…}}</c> on stdout (a bare value is accepted
/// for one id when <c>jsonOnly</c> is false). Failures throw <see cref="SecretResolutionException"/>.
/// One instance caches file payloads per provider.
/// </summary>
public sealed class SecretResolver
{
    internal const int DefaultFileMaxBytes = 1_048_576;
    internal const int DefaultFileTimeoutMs = 5_000;
    internal const int DefaultExecTimeoutMs = 5_000;
    internal const int DefaultExecMaxOutputBytes = 1_048_576;
    internal const int MaxBatchBytes = 262_144;

    private static readonly HashSet<string> RedactedValues =
    [
        "__OPENCLAW_REDACTED__", "REDACTED", "xoxb-REDACTED", "xapp-REDACTED", "***", "[redacted]", "[REDACTED]",
        "<redacted>", "[REDACTED_PRIVATE_KEY]", "[REDACTED CREDENTIAL]",
    ];

    private readonly JsonObject _config;
    private readonly IReadOnlyDictionary<string, string> _env;
    private readonly Dictionary<string, object> _filePayloads = new(StringComparer.Ordinal);

    public SecretResolver(JsonObject config, IReadOnlyDictionary<string, string> env)
    {
        _config = config;
        _env = env;
    }

    /// <summary>The default provider alias for a source: <c>secrets.defaults.&lt;source&gt;</c>, else <c>default</c>.</summary>
    public static string DefaultAlias(JsonObject config, string source)
    {
        var configured = Text((config["secrets"] as JsonObject)?["defaults"] is JsonObject d ? d[source] : null)?.Trim();
        return string.IsNullOrEmpty(configured) ? SecretRef.DefaultProviderAlias : configured;
    }

    /// <summary>Resolves a ref and requires a non-empty string.</summary>
    public string ResolveString(SecretRef secretRef) => ResolveStringAsync(secretRef).GetAwaiter().GetResult();

    public async Task<string> ResolveStringAsync(SecretRef secretRef, CancellationToken cancellationToken = default)
    {
        var value = await ResolveAsync(secretRef, cancellationToken).ConfigureAwait(false);
        if (Text(value) is not { } text || text.Trim().Length == 0)
            throw new SecretResolutionException("SECRET_REF_PROVIDER_CONTRACT", secretRef.Source, secretRef.Provider, secretRef.Id,
                $"Secret reference \"{secretRef.Key}\" resolved to a non-string or empty value.");
        return text;
    }

    /// <summary>Resolves a ref to its JSON value (a string for env and singleValue files).</summary>
    public async Task<JsonNode?> ResolveAsync(SecretRef secretRef, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(secretRef);
        var provider = ProviderFor(normalized);
        var source = Text(provider["source"]);
        JsonNode? value = source switch
        {
            "env" => ResolveEnv(normalized, provider),
            "file" => await ResolveFileAsync(normalized, provider, cancellationToken).ConfigureAwait(false),
            "exec" => await ResolveExecAsync(normalized, provider, cancellationToken).ConfigureAwait(false),
            "store" => throw SecretResolutionException.ForProvider(normalized.Source, normalized.Provider,
                $"Secret provider \"{normalized.Provider}\" (store) is not available in this gateway."),
            _ => throw SecretResolutionException.ForProvider(normalized.Source, normalized.Provider,
                $"Unsupported secret provider source \"{source}\"."),
        };
        if (value is JsonValue v && v.TryGetValue<string>(out var s) && RedactedValues.Contains(s.Trim()))
            throw new SecretResolutionException("SECRET_REF_REDACTED_VALUE", normalized.Source, normalized.Provider, normalized.Id,
                $"Secret reference \"{normalized.Key}\" resolves to a redaction placeholder. Run openclaw doctor --fix to repair a store-backed Gateway token; supply a real credential for other secrets.");
        return value;
    }

    private static SecretRef Normalize(SecretRef r)
    {
        var id = r.Id.Trim();
        string? problem = null;
        if (id.Length == 0)
            problem = "Secret reference id is empty.";
        else if (!SecretRef.IsValidProviderAlias(r.Provider))
            problem = $"Secret reference provider must match /^[a-z][a-z0-9_-]{{0,63}}$/ (ref: {r.Source}:{r.Provider}:{id}).";
        else if (r.Source == "env" && !SecretRef.IsValidEnvId(id))
            problem = $"Env secret reference id must match /^[A-Z][A-Z0-9_]{{0,127}}$/ (ref: {r.Source}:{r.Provider}:{id}).";
        else if (r.Source == "file" && !SecretRef.IsValidFileId(id))
            problem = $"File secret reference id must be an absolute JSON pointer or \"value\" (ref: {r.Source}:{r.Provider}:{id}).";
        else if (r.Source == "store" && !SecretRef.IsValidEnvId(id))
            problem = $"Store secret reference id must match /^[A-Z][A-Z0-9_]{{0,127}}$/ (ref: {r.Source}:{r.Provider}:{id}).";
        else if (r.Source == "exec" && !SecretRef.IsValidExecId(id))
            problem = "Exec secret reference id must match /^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,255}$/ and must not include \".\" or \"..\" path segments "
                + $"(example: \"vault/openai/api-key\" or \"aws/secret#json_key\"). (ref: {r.Source}:{r.Provider}:{id}).";
        if (problem is not null)
            throw SecretResolutionException.ForRef("SECRET_REF_INVALID", r.Source, r.Provider, id, problem);
        return r with { Id = id };
    }

    private JsonObject ProviderFor(SecretRef r)
    {
        var providers = (_config["secrets"] as JsonObject)?["providers"] as JsonObject;
        var configured = providers?[r.Provider] as JsonObject;
        var configuredSource = Text(configured?["source"]);
        var builtIn = configuredSource != r.Source && r.Source is "env" or "store" && r.Provider == DefaultAlias(_config, r.Source);
        if (builtIn)
            return new JsonObject { ["source"] = r.Source };
        if (configured is null)
            throw SecretResolutionException.ForProvider(r.Source, r.Provider,
                $"Secret provider \"{r.Provider}\" is not configured (ref: {r.Key}).", "SECRET_PROVIDER_NOT_CONFIGURED");
        if (configuredSource is not null && configuredSource != r.Source)
            throw SecretResolutionException.ForProvider(r.Source, r.Provider,
                $"Secret provider \"{r.Provider}\" has source \"{configuredSource}\" but ref requests \"{r.Source}\".", "SECRET_PROVIDER_INVALID");
        if (configured["pluginIntegration"] is JsonObject)
            throw SecretResolutionException.ForProvider(r.Source, r.Provider,
                $"Secret provider \"{r.Provider}\" plugin integration is unavailable: plugin integrations are not supported by this gateway.");
        return configured;
    }

    private JsonNode ResolveEnv(SecretRef r, JsonObject provider)
    {
        if (provider["allowlist"] is JsonArray allow && !allow.Any(n => Text(n) == r.Id))
            throw SecretResolutionException.ForRef("SECRET_REF_POLICY_DENIED", "env", r.Provider, r.Id,
                $"Environment variable \"{r.Id}\" is not allowlisted in secrets.providers.{r.Provider}.allowlist.");
        if (!_env.TryGetValue(r.Id, out var value) || value.Trim().Length == 0)
            throw SecretResolutionException.ForRef("SECRET_REF_NOT_FOUND", "env", r.Provider, r.Id,
                $"Environment variable \"{r.Id}\" is missing or empty.");
        return JsonValue.Create(value);
    }

    private async Task<JsonNode?> ResolveFileAsync(SecretRef r, JsonObject provider, CancellationToken cancellationToken)
    {
        object payload;
        try
        {
            if (!_filePayloads.TryGetValue(r.Provider, out payload!))
            {
                payload = await ReadFilePayloadAsync(r.Provider, provider, cancellationToken).ConfigureAwait(false);
                _filePayloads[r.Provider] = payload;
            }
        }
        catch (SecretResolutionException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or JsonException)
        {
            throw SecretResolutionException.ForProvider("file", r.Provider, ex.Message, inner: ex);
        }

        if ((Text(provider["mode"]) ?? "json") == "singleValue")
        {
            if (r.Id != "value")
                throw SecretResolutionException.ForRef("SECRET_REF_INVALID", "file", r.Provider, r.Id,
                    $"singleValue file provider \"{r.Provider}\" expects ref id \"value\".");
            return JsonValue.Create((string)payload);
        }

        try
        {
            return JsonPointer.Read((JsonObject)payload, r.Id)?.DeepClone();
        }
        catch (KeyNotFoundException ex)
        {
            throw SecretResolutionException.ForRef("SECRET_REF_NOT_FOUND", "file", r.Provider, r.Id, ex.Message);
        }
    }

    private async Task<object> ReadFilePayloadAsync(string name, JsonObject provider, CancellationToken cancellationToken)
    {
        var path = SecretPathGuard.ExpandUserPath(Text(provider["path"]), _env);
        var timeoutMs = PositiveInt(provider["timeoutMs"], DefaultFileTimeoutMs);
        var maxBytes = PositiveInt(provider["maxBytes"], DefaultFileMaxBytes);
        var label = $"secrets.providers.{name}.path";
        SecretPathGuard.CheckSecretFile(path, label, maxBytes);
        byte[] bytes;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(timeoutMs);
            try
            {
                bytes = await ReadCappedAsync(path, maxBytes, label, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"File provider \"{name}\" timed out after {timeoutMs}ms.");
            }
        }

        var text = Encoding.UTF8.GetString(bytes);
        if (text.StartsWith('\uFEFF'))
            text = text[1..];
        if (Text(provider["mode"]) == "singleValue")
            return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        return JsonNode.Parse(text) as JsonObject
            ?? throw new InvalidOperationException($"File provider \"{name}\" payload is not a JSON object.");
    }

    private static async Task<byte[]> ReadCappedAsync(string path, int maxBytes, string label, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.Asynchronous);
        var buffer = new MemoryStream();
        var chunk = new byte[16384];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return buffer.ToArray();
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
                throw new InvalidOperationException($"{label} exceeded maxBytes ({maxBytes}).");
        }
    }

    private async Task<JsonNode?> ResolveExecAsync(SecretRef r, JsonObject provider, CancellationToken cancellationToken)
    {
        var name = r.Provider;
        var command = SecretPathGuard.ExpandUserPath(Text(provider["command"]), _env);
        var trusted = (provider["trustedDirs"] as JsonArray ?? []).Select(Text).OfType<string>();
        try
        {
            SecretPathGuard.CheckCommand(command, $"secrets.providers.{name}.command", trusted, _env);
        }
        catch (InvalidOperationException ex)
        {
            throw SecretResolutionException.ForProvider("exec", name, ex.Message, inner: ex);
        }

        var request = new JsonObject
        {
            ["protocolVersion"] = 1,
            ["provider"] = name,
            ["ids"] = new JsonArray(JsonValue.Create(r.Id)),
        }.ToJsonString();
        if (Encoding.UTF8.GetByteCount(request) > MaxBatchBytes)
            throw SecretResolutionException.ForProvider("exec", name,
                $"Exec provider \"{name}\" request exceeded maxBatchBytes ({MaxBatchBytes}).", "SECRET_PROVIDER_INVALID");

        var childEnv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in (provider["passEnv"] as JsonArray ?? []).Select(Text).OfType<string>())
        {
            if (_env.TryGetValue(key, out var value))
                childEnv[key] = value;
        }

        if (provider["env"] is JsonObject extra)
        {
            foreach (var (key, node) in extra)
            {
                if (Text(node) is { } value)
                    childEnv[key] = value;
            }
        }

        var timeoutMs = PositiveInt(provider["timeoutMs"], DefaultExecTimeoutMs);
        var noOutputTimeoutMs = PositiveInt(provider["noOutputTimeoutMs"], timeoutMs);
        var maxOutputBytes = PositiveInt(provider["maxOutputBytes"], DefaultExecMaxOutputBytes);
        var jsonOnly = provider["jsonOnly"] is not JsonValue j || !j.TryGetValue<bool>(out var flag) || flag;
        var args = (provider["args"] as JsonArray ?? []).Select(Text).OfType<string>().ToList();

        ExecSecretRun run;
        try
        {
            run = await ExecSecretRun.RunAsync(command, args, childEnv, request, timeoutMs, noOutputTimeoutMs, maxOutputBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            throw SecretResolutionException.ForProvider("exec", name, ex.Message, inner: ex);
        }

        if (run.Termination == ExecSecretRun.Timeout)
            throw SecretResolutionException.ForProvider("exec", name, $"Exec provider \"{name}\" timed out after {timeoutMs}ms.");
        if (run.Termination == ExecSecretRun.NoOutputTimeout)
            throw SecretResolutionException.ForProvider("exec", name, $"Exec provider \"{name}\" produced no output for {noOutputTimeoutMs}ms.");
        if (run.OutputLimitExceeded)
            throw SecretResolutionException.ForProvider("exec", name, $"Exec provider output exceeded maxOutputBytes ({maxOutputBytes}).");
        if (run.ExitCode != 0)
            throw SecretResolutionException.ForProvider("exec", name,
                $"Exec provider \"{name}\" exited with code {run.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "null"}.");
        return ParseExecValue(name, r.Id, run.Stdout, jsonOnly);
    }

    /// <summary>Reads one id out of an exec provider's stdout (protocol version 1).</summary>
    internal static JsonNode? ParseExecValue(string name, string id, string stdout, bool jsonOnly)
    {
        var trimmed = stdout.Trim();
        if (trimmed.Length == 0)
            throw SecretResolutionException.ForProvider("exec", name, $"Exec provider \"{name}\" returned empty stdout.");
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(trimmed);
        }
        catch (JsonException)
        {
            if (!jsonOnly)
                return JsonValue.Create(trimmed);
            throw SecretResolutionException.ForProvider("exec", name, $"Exec provider \"{name}\" returned invalid JSON.");
        }

        if (parsed is not JsonObject response)
        {
            if (!jsonOnly && parsed is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                return parsed;
            throw SecretResolutionException.ForProvider("exec", name, $"Exec provider \"{name}\" response must be an object.");
        }

        if (response["protocolVersion"] is not JsonValue pv || pv.GetValueKind() != JsonValueKind.Number || pv.GetValue<double>() != 1)
            throw SecretResolutionException.ForProvider("exec", name, $"Exec provider \"{name}\" protocolVersion must be 1.");
        if (response["values"] is not JsonObject values)
            throw SecretResolutionException.ForProvider("exec", name, $"Exec provider \"{name}\" response missing \"values\".");
        if (response["errors"] is JsonObject errors && errors.ContainsKey(id))
        {
            var code = Text((errors[id] as JsonObject)?["code"]);
            var safe = code is "AMBIGUOUS_DUPLICATE_KEY" or "NOT_FOUND" ? code : null;
            throw SecretResolutionException.ForRef(safe == "NOT_FOUND" ? "SECRET_REF_NOT_FOUND" : "SECRET_REF_PROVIDER_ERROR", "exec", name, id,
                $"Exec provider \"{name}\" failed for id \"{id}\"{(safe is null ? "" : $" ({safe})")}.");
        }

        if (!values.ContainsKey(id))
            throw SecretResolutionException.ForRef("SECRET_REF_NOT_FOUND", "exec", name, id, $"Exec provider \"{name}\" response missing id \"{id}\".");
        return values[id]?.DeepClone();
    }

    private static int PositiveInt(JsonNode? node, int fallback) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && double.IsFinite(d)
            ? (int)Math.Clamp(Math.Floor(d), 1, int.MaxValue)
            : fallback;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
