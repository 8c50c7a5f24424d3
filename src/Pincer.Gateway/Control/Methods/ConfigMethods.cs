using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Config;
using Pincer.Config.Defaults;
using Pincer.Config.Json5;
using Pincer.Config.Redaction;
using Pincer.Config.Reload;
using Pincer.Config.Schema;
using Pincer.Config.Validation;
using Pincer.Config.Writing;
using Pincer.Gateway.Configuration;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Control.Methods;

/// <summary>
/// <c>config.get|set|patch|apply|schema|schema.lookup</c>. Writes are guarded by the
/// <c>baseHash</c> the caller read, validated strictly, written atomically, then applied through
/// the same reload path a file edit takes.
/// </summary>
internal sealed class ConfigMethods(ConfigState state, ConfigReloader reloader) : IMethodGroup
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _writeGate = new();

    // config.get is a pure function of the applied snapshot: build (and redact) it once per revision
    // and serve the frozen JSON, which is also safe to write from many connections at once.
    private (ConfigSnapshot Snapshot, JsonDocument Payload)? _getCache;

    public IEnumerable<MethodRegistration> Methods() =>
    [
        new("config.get", "ConfigGetParamsSchema", (_, _) => ValueTask.FromResult<JsonNode?>(CachedGet())),
        new("config.set", "ConfigSetParamsSchema", (r, _) => ValueTask.FromResult<JsonNode?>(Write(r, "config.set"))),
        new("config.patch", "ConfigPatchParamsSchema", (r, _) => ValueTask.FromResult<JsonNode?>(Write(r, "config.patch"))),
        new("config.apply", "ConfigApplyParamsSchema", (r, _) => ValueTask.FromResult<JsonNode?>(Write(r, "config.apply"))),
        new("config.schema", "ConfigSchemaParamsSchema", (_, _) => ValueTask.FromResult<JsonNode?>(ConfigSchema.Full.DeepClone())),
        new("config.schema.lookup", "ConfigSchemaLookupParamsSchema", (r, _) => ValueTask.FromResult(Lookup((string)r.Params["path"]!))),
    ];

    private static JsonNode? Lookup(string path) =>
        ConfigSchemaLookup.Lookup(path) ?? throw new RpcException(RpcError.InvalidRequest(ConfigSchemaLookup.NotFoundMessage));

    private JsonObject CachedGet()
    {
        var current = state.Current;
        var cache = _getCache;
        if (cache is not { } hit || !ReferenceEquals(hit.Snapshot, current))
        {
            hit = (current, JsonDocument.Parse(Get(current).ToJsonString()));
            _getCache = hit;
        }

        // A fresh lazy view per call over the shared read-only document: nothing mutable is shared.
        return JsonObject.Create(hit.Payload.RootElement)!;
    }

    private JsonObject Get(ConfigSnapshot snapshot)
    {
        var file = snapshot.File;
        var source = ConfigDefaults.ApplySourceDefaults(snapshot.Resolved.DeepClone());
        var runtime = ConfigDefaults.ApplyRuntimeDefaults(snapshot.Resolved.DeepClone());

        // Secrets never leave the gateway: every view, the raw text included, carries the sentinel instead.
        var redacted = ConfigRedactor.RedactSnapshot(snapshot.Valid, file.Raw, file.Parsed, source, runtime);
        return new JsonObject
        {
            ["path"] = file.Path,
            ["includedPaths"] = new JsonArray([.. file.IncludedPaths.Select(p => JsonValue.Create(p))]),
            ["includeProvenance"] = new JsonArray(),
            ["agentRosterIncludeOwned"] = false,
            ["bindingsIncludeOwned"] = false,
            ["exists"] = file.Exists,
            ["raw"] = redacted.Raw,
            ["parsed"] = redacted.Parsed,
            ["sourceConfig"] = redacted.Resolved?.DeepClone(),
            ["resolved"] = redacted.Resolved,
            ["valid"] = snapshot.Valid,
            ["runtimeConfig"] = redacted.Config?.DeepClone(),
            ["config"] = redacted.Config,
            ["hash"] = snapshot.Hash,
            ["issues"] = Issues(file.ParseIssues.Concat(snapshot.Issues)),
            ["warnings"] = Issues(file.Warnings),
            ["legacyIssues"] = new JsonArray(),
            ["configRevisionHash"] = snapshot.RevisionHash,
            ["appliedConfigHash"] = snapshot.RevisionHash,
        };
    }

    private JsonObject Write(RequestContext request, string method)
    {
        lock (_writeGate)
        {
            var current = state.Current;
            var baseHash = (string?)request.Params["baseHash"];
            if (current.File.Exists && baseHash is null)
            {
                throw new RpcException(RpcError.InvalidRequest(method == "config.patch"
                    ? $"config base hash required for {string.Join(", ", PatchedPaths(current, request.Params))}; re-run config.get and retry with baseHash"
                    : "config base hash required; re-run config.get and retry"));
            }

            if (current.File.Exists && !string.Equals(baseHash, current.Hash, StringComparison.Ordinal))
            {
                throw new RpcException(RpcError.InvalidRequest("config changed since last load; re-run config.get and retry"));
            }

            JsonNode? incoming;
            try
            {
                incoming = Json5Parser.Parse((string)request.Params["raw"]!);
            }
            catch (Json5ParseException ex)
            {
                throw new RpcException(RpcError.InvalidRequest("SyntaxError: " + ex.Message));
            }

            if (incoming is not JsonObject incomingObject)
            {
                throw new RpcException(RpcError.InvalidRequest("invalid config: <root>: config must be an object"));
            }

            var merged = method == "config.patch"
                ? MergePatch.Apply(current.File.Parsed?.DeepClone() as JsonObject ?? [], incomingObject, ReplacePaths(request.Params))
                : incomingObject;

            // Clients write back what config.get showed them: sentinels become the stored secrets again.
            JsonObject next;
            try
            {
                next = ConfigRedactor.Restore(merged, ConfigDefaults.ApplyRuntimeDefaults(current.Resolved.DeepClone())) as JsonObject
                    ?? throw new RpcException(RpcError.InvalidRequest("invalid config"));
            }
            catch (ConfigRedactionException ex)
            {
                throw new RpcException(RpcError.InvalidRequest(ex.Message));
            }

            var issues = ConfigValidator.Validate(next);
            if (issues.Count > 0)
            {
                var first = issues[0];
                throw new RpcException(RpcError.InvalidRequest(
                    $"invalid config: {(first.Path.Length == 0 ? "<root>" : first.Path)}: {first.Message}",
                    new JsonObject { ["issues"] = Issues(issues) }));
            }

            var changed = ConfigDiff.ChangedPaths(current.File.Parsed, next).Where(p => p != "meta" && !p.StartsWith("meta.", StringComparison.Ordinal)).ToList();
            ConfigWriteStamp.Apply(next);
            var applied = reloader.WriteAndApply(next.ToJsonString(Indented) + "\n");
            var payload = new JsonObject
            {
                ["ok"] = true,
                ["path"] = applied.Path,
                ["hash"] = applied.Hash,
                ["config"] = ConfigRedactor.Redact(ConfigDefaults.ApplySourceDefaults(next.DeepClone())).Config,
            };
            if (method == "config.patch")
            {
                payload["changedPaths"] = new JsonArray([.. changed.Select(p => JsonValue.Create(p))]);
            }

            return payload;
        }
    }

    /// <summary>The paths a patch would change, named in the missing-baseHash refusal.</summary>
    private static IReadOnlyList<string> PatchedPaths(ConfigSnapshot current, JsonObject p)
    {
        try
        {
            if (Json5Parser.Parse((string)p["raw"]!) is not JsonObject patch)
            {
                return ["<root>"];
            }

            var merged = MergePatch.Apply(current.File.Parsed?.DeepClone() as JsonObject ?? [], patch, ReplacePaths(p));
            return ConfigDiff.ChangedPaths(current.File.Parsed, merged);
        }
        catch (Json5ParseException)
        {
            return ["<root>"];
        }
    }

    private static IReadOnlyList<string> ReplacePaths(JsonObject p) =>
        (p["replacePaths"] as JsonArray)?.Select(n => (string)n!).ToList() ?? [];

    private static JsonArray Issues(IEnumerable<ConfigIssue> issues) =>
        new([.. issues.Select(i => (JsonNode)new JsonObject { ["path"] = i.Path, ["message"] = i.Message })]);
}
