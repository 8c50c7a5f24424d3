using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Sessions.Rows;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>
/// Applies a <c>sessions.patch</c> mutation to a session entry the way the reference does: the same
/// checks in the same order (so the first refusal is the reference's), the same field spellings, and
/// fields added to the end of the entry while existing ones keep their place. Pure: the caller commits.
/// </summary>
internal static class SessionPatcher
{
    private const long DefaultStatusTtlMinutes = 30;

    public static SessionPatchResult Apply(JsonObject patch, SessionPatchContext context)
    {
        var storeKey = context.StoreKey;
        if (patch.ContainsKey("execSecurity") || patch.ContainsKey("execAsk"))
        {
            return SessionPatchResult.Invalid("execSecurity/execAsk are retired; set permissionMode (read-only|guarded|workspace|full) instead, or use /exec for this run only.");
        }

        var existing = context.Existing?.Json;
        if (patch["archived"] is JsonValue archivedValue && archivedValue.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            if (context.Existing?.SessionId is null)
            {
                return SessionPatchResult.Invalid($"session not found: {storeKey}");
            }

            if (!patch.ContainsKey("expectedSessionId"))
            {
                return SessionPatchResult.Invalid($"expectedSessionId required for session lifecycle patch: {storeKey}");
            }
        }

        if (patch["agentRuntime"] is JsonValue rt && rt.GetValueKind() == JsonValueKind.String && !IsString(patch["model"]))
        {
            return SessionPatchResult.Invalid("agentRuntime requires an explicit canonical provider/model selection");
        }

        var now = context.NowMs;
        var next = existing is null ? [] : (JsonObject)existing.DeepClone();
        var hadSession = context.Existing?.SessionId is not null;
        next["sessionId"] = hadSession ? context.Existing!.SessionId : Guid.NewGuid().ToString();
        if (!hadSession)
        {
            next["lifecycleRevision"] = Guid.NewGuid().ToString();
        }

        next["updatedAt"] = Math.Max(context.Existing?.UpdatedAt ?? 0, now);
        if (context.PreparedSessionRoot is { } root)
        {
            next["sessionRoot"] = root;
        }

        if (context.StampCreation && existing is null)
        {
            next["createdVia"] = "operator";
            next["createdAt"] = now;
        }

        if (existing is not null && !hadSession)
        {
            foreach (var name in (string[])["label", "autoLabel", "category", "displayName"])
            {
                next.Remove(name);
            }
        }

        var error = SessionPatchFields.ApplySubagentPolicy(patch, next, existing, storeKey)
            ?? SessionPatchFields.ApplyDisplay(patch, next, context.IsLabelInUse)
            ?? ApplyStatus(patch, next, now);
        if (error is not null)
        {
            return SessionPatchResult.Invalid(error);
        }

        if (patch.ContainsKey("archived"))
        {
            if (Bool(patch["archived"]) == true)
            {
                if (!next.ContainsKey("archivedAt"))
                {
                    next["archivedAt"] = now;
                    next["archiveReason"] = "manual";
                    next.Remove("archivedBy");
                }

                next.Remove("pinnedAt");
            }
            else
            {
                next.Remove("archivedAt");
                next.Remove("archivedBy");
                next.Remove("archiveReason");
            }
        }

        var pinnable = SessionRowProjector.IsPinnable(storeKey, new SessionEntry(next));
        if (!pinnable)
        {
            next.Remove("pinnedAt");
        }

        if (patch.ContainsKey("pinned"))
        {
            if (Bool(patch["pinned"]) == true)
            {
                if (next.ContainsKey("archivedAt"))
                {
                    return SessionPatchResult.Invalid("cannot pin an archived session; restore it first");
                }

                if (!pinnable)
                {
                    return SessionPatchResult.Invalid("cannot pin a child session; pin its parent session instead");
                }

                next["pinnedAt"] ??= now;
            }
            else
            {
                next.Remove("pinnedAt");
            }
        }

        if (patch.ContainsKey("unread"))
        {
            if (Bool(patch["unread"]) == true)
            {
                next["markedUnreadAt"] = Math.Max(now, (existing is null ? 0 : Int(existing["markedUnreadAt"]) ?? 0) + 1);
            }
            else
            {
                next["lastReadAt"] = now;
                next.Remove("markedUnreadAt");
                next.Remove("agentStatus");
            }
        }

        var usedCatalog = false;
        var models = context.Models;
        if (patch.ContainsKey("thinkingLevel"))
        {
            if (patch["thinkingLevel"] is null)
            {
                next.Remove("thinkingLevel");
            }
            else if (SessionLevels.Thinking(Str(patch["thinkingLevel"])) is { } level)
            {
                next["thinkingLevel"] = level;
            }
            else
            {
                var current = models.WithOverride(existing is null ? null : SessionModelChoice.Str(existing, "providerOverride"), existing is null ? null : SessionModelChoice.Str(existing, "modelOverride"));
                return SessionPatchResult.Invalid($"invalid thinkingLevel (use {string.Join('|', SessionModelChoice.ThinkingLevels(current))})");
            }
        }

        error = SessionPatchFields.ApplyLevels(patch, next) ?? SessionPatchFields.ApplyExecution(patch, next);
        if (error is not null)
        {
            return SessionPatchResult.Invalid(error);
        }

        if (patch.ContainsKey("agentRuntime") && patch["agentRuntime"] is null)
        {
            next.Remove("agentRuntimeOverride");
        }

        if (patch.ContainsKey("model"))
        {
            // Only a named model consults the catalog; clearing to the default does not.
            usedCatalog = patch["model"] is not null;
            var refusal = ApplyModel(patch["model"], next, models, hadSession);
            if (refusal is not null)
            {
                return SessionPatchResult.Invalid(refusal);
            }
        }

        if (patch.ContainsKey("thinkingLevel") || patch.ContainsKey("model") || patch.ContainsKey("agentRuntime"))
        {
            var effective = models.WithOverride(SessionModelChoice.Str(next, "providerOverride"), SessionModelChoice.Str(next, "modelOverride"));
            var level = SessionLevels.Thinking(SessionModelChoice.Str(next, "thinkingLevel"));
            if (level is null)
            {
                next.Remove("thinkingLevel");
            }
            else
            {
                // Checking a stored level against the model's profile is what loads the catalog.
                usedCatalog = true;
                if (patch.ContainsKey("thinkingLevel") && !SessionModelChoice.ThinkingLevels(effective).Contains(level))
                {
                    return SessionPatchResult.Invalid($"thinkingLevel \"{level}\" is not supported for {effective.Provider}/{effective.Model} (use {string.Join('|', SessionModelChoice.ThinkingLevels(effective))})");
                }
            }
        }

        if (patch.ContainsKey("contextWindow"))
        {
            if (patch["contextWindow"] is null)
            {
                next.Remove("contextWindow");
            }
            else
            {
                // No built-in model offers selectable context windows, so any requested one is refused.
                var effective = models.WithOverride(SessionModelChoice.Str(next, "providerOverride"), SessionModelChoice.Str(next, "modelOverride"));
                return SessionPatchResult.Invalid($"contextWindow \"{JsText.Trim(Str(patch["contextWindow"]) ?? string.Empty)}\" is not supported for {effective.Provider}/{effective.Model}");
            }
        }

        error = SessionPatchFields.ApplyPolicy(patch, next);
        if (error is not null)
        {
            return SessionPatchResult.Invalid(error);
        }

        if (!hadSession)
        {
            next.Remove("liveModelSwitchPending");
        }

        return SessionPatchResult.Ok(next, usedCatalog);
    }

    private static string? ApplyModel(JsonNode? raw, JsonObject next, SessionModelDefaults models, bool hadSession)
    {
        next.Remove("modelFallback");
        if (raw is null)
        {
            // Back to the agent's default, which must itself be selectable.
            return SessionModelChoice.Refusal(models.Provider, models.Model) ?? ClearOverride(next);
        }

        var trimmed = JsText.Trim(Str(raw) ?? string.Empty);
        if (trimmed.Length == 0)
        {
            return "invalid model: empty";
        }

        var (provider, model) = SessionModelChoice.Split(trimmed, models.Provider);
        if (SessionModelChoice.Refusal(provider, model) is { } refusal)
        {
            return refusal;
        }

        next["modelOverrideSource"] = "user";
        next["providerOverride"] = provider;
        next["modelOverride"] = model;
        next["modelOverrideRouteResolution"] = "resolved";
        if (hadSession)
        {
            next["liveModelSwitchPending"] = true;
        }

        return null;
    }

    private static string? ClearOverride(JsonObject next)
    {
        next.Remove("providerOverride");
        next.Remove("modelOverride");
        next.Remove("modelOverrideRouteResolution");
        next["modelOverrideSource"] = "default";
        return null;
    }

    private static string? ApplyStatus(JsonObject patch, JsonObject next, long now)
    {
        if (!patch.ContainsKey("statusNote") && !patch.ContainsKey("attention") && !patch.ContainsKey("ttlMinutes"))
        {
            return null;
        }

        var ttl = patch["ttlMinutes"] is JsonValue t && t.TryGetValue<double>(out var minutes) ? minutes : (double?)null;
        if (ttl is { } m && (m != Math.Floor(m) || m < 1 || m > 120))
        {
            return "invalid ttlMinutes (use 1-120)";
        }

        var noteCleared = patch.ContainsKey("statusNote") && patch["statusNote"] is null;
        var attentionCleared = patch.ContainsKey("attention") && patch["attention"] is null;
        if (noteCleared || attentionCleared)
        {
            if ((patch.ContainsKey("statusNote") && !noteCleared) || (patch.ContainsKey("attention") && !attentionCleared))
            {
                return "cannot clear and set agent status in the same patch";
            }

            next.Remove("agentStatus");
            return null;
        }

        var current = next["agentStatus"] as JsonObject;
        if (current is not null && Int(current["expiresAt"]) is { } expires && expires <= now)
        {
            current = null;
        }

        var note = patch.ContainsKey("statusNote") ? SanitizeNote(Str(patch["statusNote"])) : (current is null ? null : SessionModelChoice.Str(current, "note"));
        if (string.IsNullOrEmpty(note))
        {
            return "statusNote required before setting attention or ttlMinutes";
        }

        var attention = Str(patch["attention"]) ?? (current is null ? null : SessionModelChoice.Str(current, "attention"));
        var status = new JsonObject { ["note"] = note, ["expiresAt"] = now + ((long)(ttl ?? DefaultStatusTtlMinutes) * 60_000) };
        if (attention is not null)
        {
            status["attention"] = attention;
        }

        next["agentStatus"] = status;
        return null;
    }

    private static string? SanitizeNote(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var collapsed = string.Join(' ', JsText.Trim(raw).Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(JsText.Trim));
        return collapsed.Length > 120 ? collapsed[..120] : collapsed;
    }

    internal static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static long? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? (long)d : null;

    internal static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;
}
