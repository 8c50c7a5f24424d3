using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Sessions.Rows;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>
/// The field groups of a session patch, each returning the reference's refusal message or null. A
/// field present with <c>null</c> clears the stored value; an absent field leaves it alone.
/// </summary>
internal static class SessionPatchFields
{
    public static string? ApplyDisplay(JsonObject patch, JsonObject next, Func<string, bool> isLabelInUse)
    {
        if (patch.ContainsKey("autoLabel"))
        {
            if (patch["autoLabel"] is null)
            {
                next.Remove("autoLabel");
            }
            else
            {
                var (label, error) = Label(patch["autoLabel"]);
                if (error is not null)
                {
                    return error;
                }

                next["autoLabel"] = label;
            }
        }

        if (patch.ContainsKey("label"))
        {
            if (patch["label"] is null)
            {
                next.Remove("label");
            }
            else
            {
                var (label, error) = Label(patch["label"]);
                if (error is not null)
                {
                    return error;
                }

                if (isLabelInUse(label!))
                {
                    return $"label already in use: {label}";
                }

                next["label"] = label;
            }
        }

        if (patch.ContainsKey("icon"))
        {
            var raw = SessionPatcher.Str(patch["icon"]);
            if (string.IsNullOrEmpty(raw))
            {
                next.Remove("icon");
            }
            else if (SessionLevels.Icon(raw) is { } icon)
            {
                next["icon"] = icon;
            }
            else
            {
                return $"icon must be a single emoji, a named icon ({string.Join(", ", SessionLevels.IconIds)}), or self-contained SVG markup/data URL up to 16 KiB";
            }
        }

        if (patch.ContainsKey("color"))
        {
            var raw = SessionPatcher.Str(patch["color"]);
            if (string.IsNullOrEmpty(raw))
            {
                next.Remove("color");
            }
            else if (SessionLevels.Color(raw) is { } color)
            {
                next["color"] = color;
            }
            else
            {
                return $"color must be one of: {string.Join(", ", SessionLevels.ColorIds)}";
            }
        }

        if (patch.ContainsKey("category"))
        {
            if (patch["category"] is null)
            {
                next.Remove("category");
            }
            else
            {
                var trimmed = JsText.Trim(SessionPatcher.Str(patch["category"]) ?? string.Empty);
                if (trimmed.Length == 0)
                {
                    return "invalid category: empty";
                }

                if (trimmed.Length > 512)
                {
                    return "invalid category: too long (max 512)";
                }

                next["category"] = trimmed;
            }
        }

        if (patch["boardFace"] is { } face)
        {
            next["boardFace"] = face.DeepClone();
        }

        if (patch.ContainsKey("boardPresentation"))
        {
            SetOrRemove(next, "boardPresentation", patch["boardPresentation"]?.DeepClone());
        }

        return null;
    }

    public static string? ApplySubagentPolicy(JsonObject patch, JsonObject next, JsonObject? existing, string storeKey)
    {
        var rest = Pincer.Abstractions.Sessions.SessionKeys.ParseAgent(storeKey)?.Rest ?? storeKey;
        var supportsSpawn = rest.StartsWith("subagent:", StringComparison.Ordinal) || rest.StartsWith("acp:", StringComparison.Ordinal);
        string? Unsupported(string field) => supportsSpawn ? null : $"{field} is only supported for subagent:* or acp:* sessions";

        if (patch.ContainsKey("completionOwnerSessionKey"))
        {
            var raw = patch["completionOwnerSessionKey"];
            var current = existing is null ? null : SessionModelChoice.Str(existing, "completionOwnerSessionKey");
            if (raw is null && !string.IsNullOrEmpty(current))
            {
                return "completionOwnerSessionKey cannot be cleared once set";
            }

            if (raw is not null)
            {
                if (Unsupported("completionOwnerSessionKey") is { } u)
                {
                    return u;
                }

                var normalized = JsText.TrimToNull(SessionPatcher.Str(raw));
                if (normalized is null)
                {
                    return "invalid completionOwnerSessionKey: empty";
                }

                if (!string.IsNullOrEmpty(current) && current != normalized)
                {
                    return "completionOwnerSessionKey cannot be changed once set";
                }

                next["completionOwnerSessionKey"] = normalized;
            }
        }

        if (patch.ContainsKey("inheritedToolPolicyVersion"))
        {
            var raw = patch["inheritedToolPolicyVersion"];
            if (raw is null && existing?.ContainsKey("inheritedToolPolicyVersion") == true)
            {
                return "inheritedToolPolicyVersion cannot be cleared once set";
            }

            if (raw is not null)
            {
                if (Unsupported("inheritedToolPolicyVersion") is { } u)
                {
                    return u;
                }

                if (!(raw is JsonValue v && v.TryGetValue<double>(out var d) && d == 1))
                {
                    return "invalid inheritedToolPolicyVersion (expected 1)";
                }

                next["inheritedToolPolicyVersion"] = 1;
            }
        }

        foreach (var field in (string[])["inheritedToolDeny", "inheritedToolAllow"])
        {
            if (!patch.ContainsKey(field))
            {
                continue;
            }

            if (patch[field] is null)
            {
                next.Remove(field);
                continue;
            }

            if (patch[field] is not JsonArray list)
            {
                return $"invalid {field} (use an array of tool names)";
            }

            if (Unsupported(field) is { } u)
            {
                return u;
            }

            var names = list.Select(n => JsText.TrimLower(SessionPatcher.Str(n))).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            SetOrRemove(next, field, names.Count > 0 ? new JsonArray([.. names.Select(n => (JsonNode)JsonValue.Create(n))]) : null);
        }

        return null;
    }

    /// <summary>fastMode, toolOverrides, verbose/trace/reasoning levels, responseUsage, elevatedLevel.</summary>
    public static string? ApplyLevels(JsonObject patch, JsonObject next)
    {
        if (patch.ContainsKey("fastMode"))
        {
            if (patch["fastMode"] is null)
            {
                next.Remove("fastMode");
            }
            else if (RowText.FastMode(patch["fastMode"]) is { } fast)
            {
                next["fastMode"] = fast;
            }
            else
            {
                return "invalid fastMode (use true, false, or \"auto\")";
            }
        }

        if (patch.ContainsKey("toolOverrides"))
        {
            SetOrRemove(next, "toolOverrides", patch["toolOverrides"] is JsonObject o && o.Count > 0 ? o.DeepClone() : null);
        }

        return Level(patch, next, "verboseLevel", SessionLevels.Verbose, "invalid verboseLevel (use \"on\"|\"off\"|\"full\")")
            ?? Level(patch, next, "traceLevel", SessionLevels.Trace, "invalid traceLevel (use \"on\"|\"off\"|\"raw\")")
            ?? Level(patch, next, "reasoningLevel", SessionLevels.Reasoning, "invalid reasoningLevel (use \"on\"|\"off\"|\"stream\")")
            ?? Level(patch, next, "responseUsage", RowText.UsageDisplay, "invalid responseUsage (use \"off\"|\"tokens\"|\"full\")")
            ?? Level(patch, next, "elevatedLevel", SessionLevels.Elevated, "invalid elevatedLevel (use \"on\"|\"off\"|\"ask\"|\"full\")");
    }

    /// <summary>execHost, execNode, sandboxMode, permissionMode, nativeRuntimeConsent.</summary>
    public static string? ApplyExecution(JsonObject patch, JsonObject next)
    {
        if (patch.ContainsKey("execHost"))
        {
            if (patch["execHost"] is null)
            {
                next.Remove("execHost");
            }
            else if (SessionLevels.ExecTarget(SessionPatcher.Str(patch["execHost"])) is { } host)
            {
                next["execHost"] = host;
            }
            else
            {
                return "invalid execHost (use \"auto\"|\"sandbox\"|\"gateway\"|\"node\")";
            }
        }

        if (patch.ContainsKey("execNode"))
        {
            if (patch["execNode"] is null)
            {
                next.Remove("execNode");
                next.Remove("execCwd");
                if (SessionModelChoice.Str(next, "execHost") == "node")
                {
                    next.Remove("execHost");
                }
            }
            else
            {
                var trimmed = JsText.Trim(SessionPatcher.Str(patch["execNode"]) ?? string.Empty);
                if (trimmed.Length == 0)
                {
                    return "invalid execNode: empty";
                }

                if (trimmed != SessionModelChoice.Str(next, "execNode"))
                {
                    next.Remove("execCwd");
                }

                next["execNode"] = trimmed;
            }
        }

        if (SessionPatcher.Str(patch["sandboxMode"]) == "off")
        {
            if (SessionModelChoice.Str(next, "sandbox") == "required")
            {
                return "This session requires a sandbox and cannot run without one.";
            }

            next["sandboxMode"] = "off";
        }
        else if (patch.ContainsKey("sandboxMode") && patch["sandboxMode"] is null)
        {
            next.Remove("sandboxMode");
        }

        if (patch.ContainsKey("permissionMode"))
        {
            SetOrRemove(next, "permissionMode", patch["permissionMode"]?.DeepClone());
        }

        if ((patch.ContainsKey("nativeRuntimeConsent") && patch["nativeRuntimeConsent"] is null)
            || SessionModelChoice.Str(next, "permissionMode") != "full" || SessionModelChoice.Str(next, "sandboxMode") != "off")
        {
            next.Remove("nativeRuntimeConsent");
        }
        else if (patch["nativeRuntimeConsent"] is { } consent)
        {
            next["nativeRuntimeConsent"] = consent.DeepClone();
        }

        return null;
    }

    /// <summary>sendPolicy and groupActivation, which the reference applies last.</summary>
    public static string? ApplyPolicy(JsonObject patch, JsonObject next) =>
        Level(patch, next, "sendPolicy", SessionLevels.SendPolicy, "invalid sendPolicy (use \"allow\"|\"deny\")")
        ?? Level(patch, next, "groupActivation", SessionLevels.GroupActivation, "invalid groupActivation (use \"mention\"|\"always\")");

    private static string? Level(JsonObject patch, JsonObject next, string field, Func<string?, string?> normalize, string invalid)
    {
        if (!patch.ContainsKey(field))
        {
            return null;
        }

        var raw = patch[field];
        if (raw is null)
        {
            next.Remove(field);
            return null;
        }

        if (raw is not JsonValue v || v.GetValueKind() != JsonValueKind.String || normalize(v.GetValue<string>()) is not { } normalized)
        {
            return invalid;
        }

        next[field] = normalized;
        return null;
    }

    private static (string? Label, string? Error) Label(JsonNode? raw)
    {
        if (SessionPatcher.Str(raw) is not { } text)
        {
            return (null, "invalid label: must be a string");
        }

        var trimmed = JsText.Trim(text);
        return trimmed.Length == 0 ? (null, "invalid label: empty")
            : trimmed.Length > 512 ? (null, "invalid label: too long (max 512)")
            : (trimmed, null);
    }

    private static void SetOrRemove(JsonObject target, string name, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(name);
        }
        else
        {
            target[name] = value;
        }
    }
}
