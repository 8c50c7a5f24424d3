using System.Collections.Frozen;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pincer.Gateway.Auth;
using Pincer.Protocol.Catalog;

namespace Pincer.Gateway.Control;

/// <summary>
/// Which scope a call needs, decided before the method is looked up — so an unknown name asks
/// for admin exactly as the reference does (spec §5.3). Static table from the reference's
/// catalog, plus the params-dependent rules for the dynamic methods.
/// </summary>
internal static partial class ScopePolicy
{
    public const string NodeRole = "node";

    private static readonly FrozenSetHolder SessionsReadMethods = new(
        "sessions.list", "sessions.subscribe", "sessions.messages.subscribe", "sessions.messages.unsubscribe", "sessions.viewers.set",
        "sessions.preview", "sessions.describe", "sessions.branches.list", "sessions.get", "sessions.resolve", "sessions.search",
        "sessions.files.list", "sessions.files.get", "sessions.setInvolvement", "chat.history", "chat.startup", "chat.metadata",
        "chat.message.get", "session.members.list", "session.members.listEvidence");

    private static readonly FrozenSetHolder SessionsWriteMethods = new(
        "chat.send", "chat.abort", "sessions.create", "sessions.patch", "sessions.patchMany", "sessions.delete", "sessions.fork",
        "sessions.recover", "sessions.send", "sessions.steer", "sessions.abort", "sessions.goal.update", "sessions.goal.clear");

    private static readonly FrozenSetHolder WriteSafePatchKeys = new(
        "label", "autoLabel", "icon", "color", "category", "boardFace", "boardPresentation", "pinned", "archived", "unread",
        "model", "agentRuntime", "thinkingLevel", "fastMode", "permissionMode", "key", "agentId");

    private static readonly FrozenSetHolder DangerousNodeCommands = new(
        "system.run", "system.run.prepare", "system.which", "browser.proxy", "fs.listDir");

    /// <summary>Null when the call needs no scope at all (health; ungated upgrade requests).</summary>
    public static string? Required(string method, JsonObject parameters)
    {
        if (method is "device.scopes.requestUpgrade" or "device.scopes.waitUpgrade")
        {
            return null;
        }

        var info = ProtocolCatalog.Find(method);
        if (info is null)
        {
            // Reserved prefixes and unknown names both land on admin.
            return OperatorScopes.Admin;
        }

        return info.Scope == "dynamic" ? Dynamic(method, parameters) : info.Scope;
    }

    public static bool IsNodeMethod(string method) => ProtocolCatalog.Find(method)?.Scope == NodeRole;

    /// <summary>
    /// Session read/write methods also admit the narrower session scopes, with the broad scope
    /// named when both are missing.
    /// </summary>
    public static bool Satisfied(string method, string required, IReadOnlyCollection<string> granted)
    {
        if (OperatorScopes.Satisfied(required, granted))
        {
            return true;
        }

        if (required == OperatorScopes.Read && SessionsReadMethods.Contains(method))
        {
            return OperatorScopes.Satisfied(OperatorScopes.SessionsRead, granted);
        }

        return (required is OperatorScopes.Write or OperatorScopes.Questions)
            && (SessionsWriteMethods.Contains(method) || method.StartsWith("question.", StringComparison.Ordinal))
            && granted.Contains(OperatorScopes.SessionsWrite);
    }

    private static string Dynamic(string method, JsonObject p) => method switch
    {
        "sessions.patch" or "sessions.patchMany" => PatchIsWriteSafe(p) ? OperatorScopes.Write : OperatorScopes.Admin,
        "sessions.create" => p["incognito"] is not null || p["execNode"] is not null || p["toolOverrides"] is not null
            || (string?)p["permissionMode"] == "full" ? OperatorScopes.Admin : OperatorScopes.Write,
        "sessions.delete" => p["archivedOnly"] is JsonValue v && v.TryGetValue<bool>(out var archivedOnly) && archivedOnly
            ? OperatorScopes.Write : OperatorScopes.Admin,
        "sessions.move" => (string?)p["target"]?["kind"] == "profile" ? OperatorScopes.Admin : OperatorScopes.Write,
        "sessions.dispatch" => OperatorScopes.Write,
        "agent" => p["message"] is JsonValue m && m.TryGetValue<string>(out var text) && ResetCommand().IsMatch(text)
            ? OperatorScopes.Admin : OperatorScopes.Write,
        "node.invoke" => p["command"] is JsonValue c && c.TryGetValue<string>(out var command)
            && (DangerousNodeCommands.Contains(command) || command.StartsWith("system.execApprovals.", StringComparison.Ordinal) || command.StartsWith("browser.proxy", StringComparison.Ordinal))
            ? OperatorScopes.Admin : OperatorScopes.Write,
        "talk.config" => p["includeSecrets"] is JsonValue s && s.TryGetValue<bool>(out var secrets) && secrets
            ? OperatorScopes.TalkSecrets : OperatorScopes.Read,
        "environments.list" => p["runtimeId"] is not null ? OperatorScopes.Write : OperatorScopes.Read,
        "fs.listDir" => p["nodeId"] is not null ? OperatorScopes.Admin : OperatorScopes.Write,
        "channels.pairing.approve" => p["bootstrapCommandOwner"] is JsonValue b && b.TryGetValue<bool>(out var owner) && owner
            ? OperatorScopes.Admin : OperatorScopes.Pairing,
        _ => OperatorScopes.Write,
    };

    private static bool PatchIsWriteSafe(JsonObject p)
    {
        if ((string?)p["permissionMode"] == "full" || p.ContainsKey("sandboxMode"))
        {
            return false;
        }

        return p.Select(kv => kv.Key).All(k => WriteSafePatchKeys.Contains(k) || k.StartsWith("expected", StringComparison.Ordinal) || k == "keys" || k == "patches");
    }

    [GeneratedRegex(@"^/(new|reset)(\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ResetCommand();

    private sealed class FrozenSetHolder(params string[] items)
    {
        private readonly FrozenSet<string> _set = items.ToFrozenSet(StringComparer.Ordinal);

        public bool Contains(string item) => _set.Contains(item);
    }
}
